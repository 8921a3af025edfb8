import { and, desc, eq, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { mayAddEvidenceTo } from "@/server/auth/evidence-scope";
import { ACTIONS, type Action, can, type Role } from "@/server/auth/permissions";
import { DomainError, isUniqueViolation } from "@/server/errors/domain-error";
import { afterTimeId, cursorTimestamp, timeIdCursor, timeIdPage } from "@/server/pagination/cursor";
import { CURRENT_FRAMEWORK_KEY, CURRENT_FRAMEWORK_VERSION } from "@/server/scoring/framework-registry";
import { frameworkOf } from "./assessment-framework";

type Assessment = typeof assessments.$inferSelect;

/** The city's assessment that is not published yet (at most one, by a partial unique index). */
export async function findOpenAssessment(db: Db, cityId: string): Promise<Assessment | null> {
  const [row] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.cityId, cityId), ne(assessments.status, "published")))
    .limit(1);
  return row ?? null;
}

/**
 * Leadership (or an admin) opens the city's assessment for a cycle, pinned to the framework edition
 * current today so later editions never change its result.
 */
export async function openAssessment(db: Db, actor: { userId: string; role: Role }, cityId: string, input: { cycle: string }) {
  const open = await findOpenAssessment(db, cityId);
  if (open) {
    throw new DomainError(
      "CONFLICT",
      `This city already has an open assessment (cycle ${open.cycle}, ${open.status.replace("_", " ")}). Publish it before opening another.`,
      { details: { openAssessmentId: open.id } },
    );
  }
  const [sameCycle] = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.cityId, cityId), eq(assessments.cycle, input.cycle)))
    .limit(1);
  const cycleTaken = () =>
    new DomainError("CONFLICT", `An assessment for cycle ${input.cycle} already exists for this city.`, {
      fieldErrors: { cycle: [`An assessment for cycle ${input.cycle} already exists for this city.`] },
    });
  if (sameCycle) throw cycleTaken();
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(assessments)
        .values({
          cityId,
          cycle: input.cycle,
          frameworkKey: CURRENT_FRAMEWORK_KEY,
          frameworkVersion: CURRENT_FRAMEWORK_VERSION,
          status: "draft",
          openedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAuditEvent(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "assessment.open",
        entityType: "assessment",
        entityId: created.id,
        cityId,
        assessmentId: created.id,
        after: {
          cycle: created.cycle,
          frameworkKey: created.frameworkKey,
          frameworkVersion: created.frameworkVersion,
          status: created.status,
        },
      });
      return created;
    });
  } catch (error) {
    // Lost a race with another opener: report it like the checks above.
    if (isUniqueViolation(error)) {
      const winner = await findOpenAssessment(db, cityId);
      if (winner && winner.cycle !== input.cycle) {
        throw new DomainError("CONFLICT", `This city already has an open assessment (cycle ${winner.cycle}).`, {
          details: { openAssessmentId: winner.id },
        });
      }
      throw cycleTaken();
    }
    throw error;
  }
}

/**
 * The assessment with its city's name, for headers and breadcrumbs, and what the viewer may do so
 * pages render from the server's rules instead of re-deriving them: `allowed`, the permission-table
 * actions of the viewer's role in this city, and `evidenceCharacteristics`, the characteristics they
 * may add evidence on (none, all, or a partner's four).
 */
export async function describeAssessment(db: Db, assessment: Assessment, viewer: { role: Role }) {
  const [city] = await db
    .select({ id: cities.id, name: cities.name, slug: cities.slug })
    .from(cities)
    .where(eq(cities.id, assessment.cityId))
    .limit(1);
  const allowed: Action[] = ACTIONS.filter((action) => can(viewer.role, action));
  const evidenceCharacteristics = frameworkOf(assessment)
    .characteristics.map((c) => c.key as string)
    .filter((key) => mayAddEvidenceTo(viewer.role, key));
  return { ...assessment, city, allowed, evidenceCharacteristics };
}

/** Every assessment of a city, newest first. */
export async function listCityAssessments(db: Db, cityId: string, options: { cursor?: string | null; limit: number }) {
  const conditions: (SQL | undefined)[] = [eq(assessments.cityId, cityId)];
  const cursor = timeIdCursor.decode(options.cursor);
  if (cursor) conditions.push(afterTimeId(assessments.createdAt, assessments.id, cursor, "desc"));
  const rows = await db
    .select({
      id: assessments.id,
      cycle: assessments.cycle,
      status: assessments.status,
      frameworkKey: assessments.frameworkKey,
      frameworkVersion: assessments.frameworkVersion,
      isIllustrative: assessments.isIllustrative,
      publishedAt: assessments.publishedAt,
      createdAt: assessments.createdAt,
      cursorAt: cursorTimestamp(assessments.createdAt),
    })
    .from(assessments)
    .where(and(...conditions))
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(options.limit + 1);
  return timeIdPage(rows, options.limit);
}
