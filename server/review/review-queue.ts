import { and, asc, count, desc, eq, inArray, lte, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { cities, users } from "@/db/schema/identity";
import { evidenceAuthorName } from "@/server/evidence/evidence-author";
import { afterTimeId, cursorTimestamp, timeIdCursor, timeIdPage } from "@/server/pagination/cursor";
import type { ReviewQueueFilter } from "./review-schemas";

/** Assessments still taking reviews and judgements. */
const LIVE_STATUSES = ["draft", "in_review"] as const;

/**
 * The technical expert group's queue across cities: oldest first, so nothing waits forever.
 * Served by `evidence_queue_idx` (status, submitted_at, id).
 */
export async function listReviewQueue(db: Db, filter: ReviewQueueFilter, now: Date = new Date()) {
  const conditions: (SQL | undefined)[] = [
    eq(evidence.status, filter.status),
    inArray(assessments.status, [...LIVE_STATUSES]),
    filter.cityId ? eq(evidence.cityId, filter.cityId) : undefined,
    filter.characteristicKey ? eq(evidence.characteristicKey, filter.characteristicKey) : undefined,
    filter.kind ? eq(evidence.kind, filter.kind) : undefined,
    filter.minAgeDays ? lte(evidence.submittedAt, new Date(now.getTime() - filter.minAgeDays * 86_400_000)) : undefined,
  ];
  const cursor = timeIdCursor.decode(filter.cursor);
  if (cursor) conditions.push(afterTimeId(evidence.submittedAt, evidence.id, cursor, "asc"));
  const rows = await db
    .select({
      id: evidence.id,
      cityId: evidence.cityId,
      cityName: cities.name,
      assessmentId: evidence.assessmentId,
      assessmentCycle: assessments.cycle,
      assessmentStatus: assessments.status,
      characteristicKey: evidence.characteristicKey,
      kind: evidence.kind,
      status: evidence.status,
      title: evidence.title,
      authorName: evidenceAuthorName,
      authorRole: evidence.authorRole,
      currentRevision: evidence.currentRevision,
      criterionKeys: evidenceRevisions.criterionKeys,
      submittedAt: evidence.submittedAt,
      cursorAt: cursorTimestamp(evidence.submittedAt),
    })
    .from(evidence)
    .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
    .innerJoin(cities, eq(cities.id, evidence.cityId))
    .innerJoin(users, eq(users.id, evidence.authorId))
    .innerJoin(
      evidenceRevisions,
      and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
    )
    .where(and(...conditions))
    .orderBy(asc(evidence.submittedAt), asc(evidence.id))
    .limit(filter.limit + 1);
  return timeIdPage(rows, filter.limit);
}

/** One open assessment per city, so this is the number of cities; a safety bound, not a page. */
const MAX_ASSESSMENTS_UNDER_WAY = 1000;

/**
 * Assessments the experts can work on (draft or in review), with how much evidence waits in each.
 * Bounded by the number of cities: one open assessment per city.
 */
export async function listAssessmentsUnderWay(db: Db) {
  const waiting = db
    .select({ assessmentId: evidence.assessmentId, waiting: count().as("waiting") })
    .from(evidence)
    .where(eq(evidence.status, "submitted"))
    .groupBy(evidence.assessmentId)
    .as("waiting");
  const rows = await db
    .select({
      id: assessments.id,
      cycle: assessments.cycle,
      status: assessments.status,
      cityId: cities.id,
      cityName: cities.name,
      citySlug: cities.slug,
      waiting: waiting.waiting,
      updatedAt: assessments.updatedAt,
    })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .leftJoin(waiting, eq(waiting.assessmentId, assessments.id))
    .where(inArray(assessments.status, [...LIVE_STATUSES]))
    .orderBy(desc(assessments.updatedAt), asc(cities.name))
    .limit(MAX_ASSESSMENTS_UNDER_WAY);
  return rows.map((r) => ({ ...r, waiting: Number(r.waiting ?? 0) }));
}
