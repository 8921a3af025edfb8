import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assessments, criterionJudgements } from "@/db/schema/assessments";
import { cities, memberships, users } from "@/db/schema/identity";
import { planCriteria, plans } from "@/db/schema/plans";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Actor } from "@/server/auth/authorize";
import { can } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { validationMessage } from "@/server/validation/validation-messages";
import { newestCycleFirst } from "@/server/workflow/cycle-order";
import type { CityRole } from "@/shared/domain-values";
import type { PlanFields } from "./plan-schemas";
import { type BaselineJudgement, comparePlanWithActual, scorePlan } from "./plan-scoring";

/**
 * The planner's reads and writes. Levels, balance and roadmap always come from `scorePlan` (the
 * scoring core); this module only loads what it needs and stores the plan.
 */

export type Plan = typeof plans.$inferSelect;
type Assessment = typeof assessments.$inferSelect;

/** The roles whose members may own a planned criterion: the people who plan and deliver. */
const OWNER_ROLES: readonly CityRole[] = ["leadership", "department"];

/** A list bound: a city keeps a handful of plans. */
const MAX_LISTED_PLANS = 100;

export async function findPlan(db: DbOrTx, planId: string): Promise<Plan | undefined> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId)).limit(1);
  return plan;
}

/** The city's current assessment, as the leadership dashboard names it: the open one, else the latest published. */
async function currentAssessment(db: DbOrTx, cityId: string): Promise<Assessment | undefined> {
  const [open] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.cityId, cityId), ne(assessments.status, "published")))
    .limit(1);
  if (open) return open;
  const [published] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.cityId, cityId), eq(assessments.status, "published")))
    .orderBy(...newestCycleFirst)
    .limit(1);
  return published;
}

async function judgementsOf(db: DbOrTx, assessmentId: string): Promise<BaselineJudgement[]> {
  return db
    .select({ criterionKey: criterionJudgements.criterionKey, judgement: criterionJudgements.judgement })
    .from(criterionJudgements)
    .where(eq(criterionJudgements.assessmentId, assessmentId));
}

async function possibleOwners(db: DbOrTx, cityId: string) {
  return db
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.cityId, cityId), isNull(memberships.revokedAt), inArray(memberships.role, [...OWNER_ROLES])))
    .orderBy(asc(users.name));
}

function assessmentSummary(a: Assessment) {
  return { id: a.id, cycle: a.cycle, status: a.status, frameworkKey: a.frameworkKey, frameworkVersion: a.frameworkVersion };
}

/** What a new plan starts from: the current assessment's judgements and who may own criteria. */
export async function loadPlanBaseline(db: Db, cityId: string) {
  const assessment = await currentAssessment(db, cityId);
  if (!assessment) return { assessment: null, judgements: [], owners: [] };
  const [judgements, owners] = await Promise.all([judgementsOf(db, assessment.id), possibleOwners(db, cityId)]);
  return { assessment: assessmentSummary(assessment), judgements, owners };
}

/** Plans of a city: all of them for members who plan, only published ones for everyone else. */
export async function listPlans(db: Db, cityId: string, actor: Actor) {
  const seesPrivate = can(actor.role, "plan:read");
  const rows = await db
    .select({
      id: plans.id,
      name: plans.name,
      targetCycle: plans.targetCycle,
      publishedAt: plans.publishedAt,
      updatedAt: plans.updatedAt,
      criteriaCount: sql<number>`(select count(*)::int from ${planCriteria} where ${planCriteria.planId} = ${plans.id})`,
    })
    .from(plans)
    .where(and(eq(plans.cityId, cityId), seesPrivate ? undefined : isNotNull(plans.publishedAt)))
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(MAX_LISTED_PLANS);
  return { items: rows, canWrite: can(actor.role, "plan:write") };
}

/** Checks the planned criteria and owners against the framework and the city; field errors on failure. */
async function checkPlanFields(db: DbOrTx, cityId: string, assessment: Assessment, fields: PlanFields) {
  const framework = frameworkOf(assessment);
  const known = new Set(framework.characteristics.flatMap((c) => c.criteria.map((k) => k.key)));
  if (fields.criteria.some((c) => !known.has(c.criterionKey))) {
    const message = validationMessage("validation.plan.unknownCriterion");
    throw new DomainError("BAD_REQUEST", message, { fieldErrors: { criteria: [message] } });
  }
  const ownerIds = [...new Set(fields.criteria.map((c) => c.ownerId).filter((id): id is string => id !== null))];
  if (ownerIds.length > 0) {
    const found = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.cityId, cityId),
          isNull(memberships.revokedAt),
          inArray(memberships.userId, ownerIds),
          inArray(memberships.role, [...OWNER_ROLES]),
        ),
      );
    if (new Set(found.map((f) => f.userId)).size !== ownerIds.length) {
      const message = validationMessage("validation.plan.ownerNotMember");
      throw new DomainError("BAD_REQUEST", message, { fieldErrors: { criteria: [message] } });
    }
  }
}

async function writeCriteria(tx: DbOrTx, plan: { id: string; cityId: string }, fields: PlanFields) {
  await tx.delete(planCriteria).where(eq(planCriteria.planId, plan.id));
  if (fields.criteria.length === 0) return;
  await tx
    .insert(planCriteria)
    .values(fields.criteria.map((c) => ({ planId: plan.id, cityId: plan.cityId, criterionKey: c.criterionKey, ownerId: c.ownerId })));
}

const auditedFields = (fields: PlanFields) => ({
  name: fields.name,
  targetCycle: fields.targetCycle,
  criteria: fields.criteria.map((c) => c.criterionKey).sort(),
});

/** Appends one plan event to the city's audit chain, in the write's transaction. */
function auditPlan(
  tx: DbOrTx,
  actor: Actor,
  action: string,
  plan: { id: string; cityId: string },
  change: { before?: unknown; after?: unknown },
) {
  return recordAuditEvent(tx, {
    actorId: actor.userId,
    actorRole: actor.role,
    action,
    entityType: "plan",
    entityId: plan.id,
    cityId: plan.cityId,
    ...change,
  });
}

export async function createPlan(db: Db, actor: Actor, cityId: string, fields: PlanFields): Promise<Plan> {
  const assessment = await currentAssessment(db, cityId);
  if (!assessment) throw new DomainError("CONFLICT", "The city has no assessment to plan from yet.");
  await checkPlanFields(db, cityId, assessment, fields);
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(plans)
      .values({
        cityId,
        name: fields.name,
        description: fields.description,
        targetCycle: fields.targetCycle,
        baseAssessmentId: assessment.id,
        createdBy: actor.userId,
      })
      .returning();
    await writeCriteria(tx, plan, fields);
    await auditPlan(tx, actor, "plan.create", plan, { after: auditedFields(fields) });
    return plan;
  });
}

export async function updatePlan(db: Db, actor: Actor, plan: Plan, fields: PlanFields & { expectedVersion: number }): Promise<Plan> {
  const [assessment] = await db.select().from(assessments).where(eq(assessments.id, plan.baseAssessmentId)).limit(1);
  await checkPlanFields(db, plan.cityId, assessment, fields);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(plans)
      .set({
        name: fields.name,
        description: fields.description,
        targetCycle: fields.targetCycle,
        version: sql`${plans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(plans.id, plan.id), eq(plans.version, fields.expectedVersion)))
      .returning();
    if (!updated) throw new DomainError("CONFLICT", "Someone else changed this plan. Reload it to see their version.");
    await writeCriteria(tx, updated, fields);
    await auditPlan(tx, actor, "plan.update", plan, { after: auditedFields(fields) });
    return updated;
  });
}

export async function deletePlan(db: Db, actor: Actor, plan: Plan): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    await tx.delete(plans).where(eq(plans.id, plan.id));
    await auditPlan(tx, actor, "plan.delete", plan, {
      before: { name: plan.name, targetCycle: plan.targetCycle, published: plan.publishedAt !== null },
    });
  });
  return { id: plan.id };
}

/** Publishing makes the plan readable by everyone signed in; unpublishing makes it private again. */
export async function setPlanPublished(db: Db, actor: Actor, plan: Plan, published: boolean): Promise<Plan> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(plans)
      .set(published ? { publishedAt: new Date(), publishedBy: actor.userId } : { publishedAt: null, publishedBy: null })
      .where(eq(plans.id, plan.id))
      .returning();
    await auditPlan(tx, actor, published ? "plan.publish" : "plan.unpublish", plan, {
      before: { published: plan.publishedAt !== null },
      after: { published },
    });
    return updated;
  });
}

/** A plan with its criteria, the starting judgements and the scoring core's result for now and for the plan. */
export async function loadPlanView(db: Db, plan: Plan, actor: Actor) {
  const seesOwners = can(actor.role, "plan:read");
  const [[assessment], [city], criteria, judgements, owners] = await Promise.all([
    db.select().from(assessments).where(eq(assessments.id, plan.baseAssessmentId)).limit(1),
    db.select({ id: cities.id, name: cities.name, slug: cities.slug }).from(cities).where(eq(cities.id, plan.cityId)).limit(1),
    db
      .select({ criterionKey: planCriteria.criterionKey, ownerId: planCriteria.ownerId, ownerName: users.name })
      .from(planCriteria)
      .leftJoin(users, eq(users.id, planCriteria.ownerId))
      .where(eq(planCriteria.planId, plan.id))
      .orderBy(asc(planCriteria.criterionKey)),
    judgementsOf(db, plan.baseAssessmentId),
    can(actor.role, "plan:write") ? possibleOwners(db, plan.cityId) : Promise.resolve([]),
  ]);
  const framework = frameworkOf(assessment);
  const plannedKeys = criteria.map((c) => c.criterionKey);
  return {
    plan: {
      id: plan.id,
      cityId: plan.cityId,
      name: plan.name,
      description: plan.description,
      targetCycle: plan.targetCycle,
      version: plan.version,
      publishedAt: plan.publishedAt,
      updatedAt: plan.updatedAt,
    },
    city,
    base: assessmentSummary(assessment),
    criteria: criteria.map((c) => (seesOwners ? c : { criterionKey: c.criterionKey, ownerId: null, ownerName: null })),
    judgements,
    owners,
    now: scorePlan(framework, judgements, []),
    planned: scorePlan(framework, judgements, plannedKeys),
    canWrite: can(actor.role, "plan:write"),
    canPublish: can(actor.role, "plan:publish"),
  };
}

/** Two plans of the same city, side by side. The other plan is read under the same rule as `get`. */
export async function comparePlans(db: Db, plan: Plan, other: Plan, actor: Actor) {
  if (other.cityId !== plan.cityId) throw new DomainError("NOT_FOUND", "Plan not found.");
  const [a, b] = await Promise.all([loadPlanView(db, plan, actor), loadPlanView(db, other, actor)]);
  return { plans: [a, b] };
}

/**
 * Plan against the assessment of its target cycle. `actual` is null until that cycle exists; its
 * judgements count as they stand (an assessment being judged shows the state so far).
 */
export async function loadPlanVsActual(db: Db, plan: Plan) {
  const [[base], [actual], criteria] = await Promise.all([
    db.select().from(assessments).where(eq(assessments.id, plan.baseAssessmentId)).limit(1),
    db
      .select()
      .from(assessments)
      .where(and(eq(assessments.cityId, plan.cityId), eq(assessments.cycle, plan.targetCycle)))
      .limit(1),
    db.select({ criterionKey: planCriteria.criterionKey }).from(planCriteria).where(eq(planCriteria.planId, plan.id)),
  ]);
  const planSummary = { id: plan.id, name: plan.name, targetCycle: plan.targetCycle };
  if (!actual) return { plan: planSummary, actual: null, rows: [] };
  const [baseline, actualJudgements] = await Promise.all([judgementsOf(db, base.id), judgementsOf(db, actual.id)]);
  const framework = frameworkOf(base);
  return {
    plan: planSummary,
    actual: assessmentSummary(actual),
    rows: comparePlanWithActual(
      framework,
      baseline,
      criteria.map((c) => c.criterionKey),
      actualJudgements,
    ),
  };
}
