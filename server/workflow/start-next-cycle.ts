import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { DomainError } from "@/server/errors/domain-error";
import { withWorkflowGuards } from "@/server/errors/workflow-guard-errors";
import { notifyAssessmentOpened } from "@/server/notifications/assessment-notifications";
import { currentFramework } from "@/server/scoring/framework-registry";
import { newestCycleFirst } from "./cycle-order";
import type { WorkflowActor } from "./transition-assessment";
import type { StartNextCycleInput } from "./workflow-schemas";

/**
 * Opens the next cycle's assessment as a copy of the city's last published one. The published
 * assessment stays frozen; its judgements and ratings become a starting point in the new draft,
 * each marked `carriedOver` until an expert confirms or changes it. The new assessment uses the
 * current framework edition: criteria and ratings it no longer has are left behind.
 */
export async function startNextCycle(db: Db, actor: WorkflowActor, sourceAssessmentId: string, input: StartNextCycleInput) {
  return withWorkflowGuards(() =>
    db.transaction(async (tx) => {
      const [source] = await tx
        .select({ assessment: assessments, city: cities })
        .from(assessments)
        .innerJoin(cities, eq(cities.id, assessments.cityId))
        .where(eq(assessments.id, sourceAssessmentId))
        .limit(1);
      if (!source) throw new DomainError("NOT_FOUND", "Assessment not found.");
      const { city } = source;
      if (source.assessment.status !== "published") {
        throw new DomainError("INVALID_TRANSITION", "Only a published assessment can be the starting point of the next cycle.");
      }
      const [latest] = await tx
        .select({ id: assessments.id, cycle: assessments.cycle })
        .from(assessments)
        .where(and(eq(assessments.cityId, city.id), eq(assessments.status, "published")))
        .orderBy(...newestCycleFirst)
        .limit(1);
      if (latest && latest.id !== source.assessment.id) {
        throw new DomainError("INVALID_TRANSITION", `Start the next cycle from the latest published assessment (${latest.cycle}).`, {
          details: { assessmentId: latest.id },
        });
      }
      const [open] = await tx
        .select({ id: assessments.id, cycle: assessments.cycle })
        .from(assessments)
        .where(and(eq(assessments.cityId, city.id), ne(assessments.status, "published")))
        .limit(1);
      if (open) {
        throw new DomainError("CONFLICT", `The city's assessment ${open.cycle} is still open; finish or publish it first.`, {
          details: { assessmentId: open.id },
        });
      }
      const [sameCycle] = await tx
        .select({ id: assessments.id })
        .from(assessments)
        .where(and(eq(assessments.cityId, city.id), eq(assessments.cycle, input.cycle)))
        .limit(1);
      if (sameCycle) {
        const message = `The city already has an assessment for cycle ${input.cycle}.`;
        throw new DomainError("BAD_REQUEST", message, { fieldErrors: { cycle: [message] } });
      }

      const framework = currentFramework();
      const criterionKeys = new Set(framework.characteristics.flatMap((c) => c.criteria.map((k) => k.key)));
      const rateableKeys = new Set(framework.characteristics.filter((c) => c.rateable).map((c) => c.key as string));

      const [created] = await tx
        .insert(assessments)
        .values({
          cityId: city.id,
          cycle: input.cycle,
          frameworkKey: framework.key,
          frameworkVersion: framework.version,
          status: "draft",
          openedBy: actor.userId,
          copiedFromId: source.assessment.id,
        })
        .returning();

      const [oldJudgements, oldRatings] = await Promise.all([
        tx.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, source.assessment.id)),
        tx.select().from(characteristicRatings).where(eq(characteristicRatings.assessmentId, source.assessment.id)),
      ]);
      const judgements = oldJudgements.filter((j) => criterionKeys.has(j.criterionKey));
      const ratings = oldRatings.filter((r) => rateableKeys.has(r.characteristicKey));
      const now = new Date();
      if (judgements.length > 0) {
        await tx.insert(criterionJudgements).values(
          judgements.map((j) => ({
            cityId: city.id,
            assessmentId: created.id,
            characteristicKey: j.characteristicKey,
            criterionKey: j.criterionKey,
            judgement: j.judgement,
            note: j.note,
            // Still points at the previous cycle's accepted (and frozen) evidence.
            evidenceIds: j.evidenceIds,
            carriedOver: true,
            updatedBy: j.updatedBy,
            updatedAt: now,
          })),
        );
      }
      if (ratings.length > 0) {
        await tx.insert(characteristicRatings).values(
          ratings.map((r) => ({
            cityId: city.id,
            assessmentId: created.id,
            characteristicKey: r.characteristicKey,
            level: r.level,
            justification: r.justification,
            carriedOver: true,
            updatedBy: r.updatedBy,
            updatedAt: now,
          })),
        );
      }

      const carried = {
        judgements: judgements.length,
        ratings: ratings.length,
        leftBehind: oldJudgements.length - judgements.length + (oldRatings.length - ratings.length),
      };
      await recordAuditEvent(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "assessment.start_next_cycle",
        entityType: "assessment",
        entityId: created.id,
        cityId: city.id,
        assessmentId: created.id,
        after: {
          status: created.status,
          cycle: created.cycle,
          frameworkKey: created.frameworkKey,
          frameworkVersion: created.frameworkVersion,
          copiedFromId: source.assessment.id,
          carriedOver: carried,
        },
      });
      await notifyAssessmentOpened(tx, {
        city: { id: city.id, name: city.name, slug: city.slug },
        assessment: { id: created.id, cycle: created.cycle },
        actorId: actor.userId,
      });
      return { assessment: created, carriedOver: carried };
    }),
  );
}
