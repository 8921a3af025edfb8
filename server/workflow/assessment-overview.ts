import { and, count, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { cities, users } from "@/db/schema/identity";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { visibleEvidenceCondition } from "@/server/evidence/evidence-access";
import { afterTimeId, cursorTimestamp, timeIdCursor, timeIdPage } from "@/server/pagination/cursor";
import { loadAssessmentScore } from "@/server/review/live-assessment-score";
import type { AssessmentScore, ScoringResult } from "@/server/scoring/score-assessment";
import {
  type AssessmentStatus,
  type CharacteristicKey,
  EVIDENCE_STATUSES,
  type EvidenceStatus,
  type LevelOrNotAssessed,
} from "@/shared/domain-values";
import { transitionOptions } from "./assessment-lifecycle";
import { cycleBefore, newestCycleFirst } from "./cycle-order";
import { listRoundApprovals, loadLifecycleSnapshot } from "./transition-assessment";

type AssessmentRow = typeof assessments.$inferSelect;
type CityRow = typeof cities.$inferSelect;
export type WorkflowViewer = { userId: string; role: Role };

function publicAssessmentFields(a: AssessmentRow) {
  return {
    id: a.id,
    cityId: a.cityId,
    cycle: a.cycle,
    status: a.status,
    approvalRound: a.approvalRound,
    version: a.version,
    frameworkKey: a.frameworkKey,
    frameworkVersion: a.frameworkVersion,
    copiedFromId: a.copiedFromId,
    publishedAt: a.publishedAt,
    lastRepublishedAt: a.lastRepublishedAt,
    withdrawnAt: a.withdrawnAt,
    withdrawnReason: a.withdrawnReason,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/**
 * Evidence counts by characteristic and status as the viewer may see them: the same rule as
 * `evidence.summary` and the evidence lists (`visibleEvidenceCondition`), so a partner is never
 * told how many drafts of others exist. The lifecycle preconditions count all evidence (the
 * snapshot), but the counts shown are these.
 */
export async function countVisibleEvidenceByCharacteristic(db: DbOrTx, assessmentId: string, viewer: WorkflowViewer) {
  const visibility = visibleEvidenceCondition(viewer.role, viewer.userId);
  const rows = await db
    .select({ characteristicKey: evidence.characteristicKey, status: evidence.status, n: count() })
    .from(evidence)
    .where(and(eq(evidence.assessmentId, assessmentId), visibility))
    .groupBy(evidence.characteristicKey, evidence.status);
  const byCharacteristic = new Map<string, Record<EvidenceStatus, number>>();
  const total = emptyCounts();
  for (const row of rows) {
    let counts = byCharacteristic.get(row.characteristicKey);
    if (!counts) {
      counts = emptyCounts();
      byCharacteristic.set(row.characteristicKey, counts);
    }
    counts[row.status] = Number(row.n);
    total[row.status] += Number(row.n);
  }
  return {
    seesAll: visibility === undefined,
    total,
    byCharacteristic: Object.fromEntries(byCharacteristic) as Record<string, Record<EvidenceStatus, number>>,
  };
}

function emptyCounts(): Record<EvidenceStatus, number> {
  return Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, 0])) as Record<EvidenceStatus, number>;
}

/**
 * Where an assessment stands in its lifecycle and what the viewer could do next: status, the
 * current round's approvals, evidence counts, and the transitions open to the viewer's role with
 * what still blocks each.
 */
export async function loadAssessmentOverview(db: DbOrTx, assessment: AssessmentRow, viewer: WorkflowViewer) {
  const [city] = await db.select().from(cities).where(eq(cities.id, assessment.cityId)).limit(1);
  if (!city) throw new DomainError("NOT_FOUND", "City not found.");
  const { score, ...overview } = await overviewWithCity(db, assessment, city, viewer);
  return { ...overview, levels: levelsOf(score), scoringProblems: score.ok ? [] : score.errors };
}

async function overviewWithCity(db: DbOrTx, assessment: AssessmentRow, city: CityRow, viewer: WorkflowViewer) {
  const visibleEvidence = await countVisibleEvidenceByCharacteristic(db, assessment.id, viewer);
  const [snapshot, approvals] = await Promise.all([
    // A viewer who sees all evidence has just counted all of it: the preconditions reuse the count.
    loadLifecycleSnapshot(
      db,
      assessment,
      city.approvalsRequired,
      viewer.userId,
      visibleEvidence.seesAll ? visibleEvidence.total : undefined,
    ),
    listRoundApprovalsWithNames(db, assessment.id, assessment.approvalRound),
  ]);
  return {
    assessment: publicAssessmentFields(assessment),
    city: { id: city.id, name: city.name, slug: city.slug, approvalsRequired: Math.max(1, city.approvalsRequired) },
    evidenceCounts: visibleEvidence.total,
    approvals,
    viewerHasApproved: snapshot.approvals.byActor,
    options: transitionOptions(viewer.role, snapshot),
    carriedOver: snapshot.carriedOver,
    score: snapshot.score,
    evidenceByCharacteristic: visibleEvidence.byCharacteristic,
  };
}

async function listRoundApprovalsWithNames(db: DbOrTx, assessmentId: string, round: number) {
  const approvals = await listRoundApprovals(db, assessmentId, round);
  if (approvals.length === 0) return [];
  const names = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      inArray(
        users.id,
        approvals.map((a) => a.userId),
      ),
    );
  const nameById = new Map(names.map((n) => [n.id, n.name]));
  return approvals.map((a) => ({ ...a, name: nameById.get(a.userId) ?? "" })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Final level per characteristic for the radar chart; a characteristic without a level is a gap. */
export function levelsOf(score: ScoringResult<AssessmentScore>): Record<CharacteristicKey, LevelOrNotAssessed> | null {
  if (!score.ok) return null;
  return Object.fromEntries(score.value.characteristics.map((c) => [c.key, c.finalLevel])) as Record<CharacteristicKey, LevelOrNotAssessed>;
}

/**
 * The city's current assessment beside the previous cycle's published result, with the scoring
 * core's balance warnings and roadmap. The current one is the open assessment, else the newest
 * published cycle; withdrawing and republishing an older cycle never makes it current.
 */
export async function loadLeadershipDashboard(db: DbOrTx, cityId: string, viewer: WorkflowViewer) {
  const [city] = await db.select().from(cities).where(eq(cities.id, cityId)).limit(1);
  if (!city) throw new DomainError("NOT_FOUND", "City not found.");
  const [open] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.cityId, cityId), ne(assessments.status, "published")))
    .limit(1);
  const [latestPublished] = open
    ? [undefined]
    : await db
        .select()
        .from(assessments)
        .where(and(eq(assessments.cityId, cityId), eq(assessments.status, "published")))
        .orderBy(...newestCycleFirst)
        .limit(1);
  const current = open ?? latestPublished;
  const cityInfo = { id: city.id, name: city.name, slug: city.slug, approvalsRequired: Math.max(1, city.approvalsRequired) };
  if (!current) return { city: cityInfo, current: null, previous: null };

  const [previous] = await db
    .select()
    .from(assessments)
    .where(
      current.copiedFromId
        ? eq(assessments.id, current.copiedFromId)
        : and(eq(assessments.cityId, cityId), eq(assessments.status, "published"), ne(assessments.id, current.id), cycleBefore(current)),
    )
    .orderBy(...newestCycleFirst)
    .limit(1);

  const [overview, previousScore] = await Promise.all([
    overviewWithCity(db, current, city, viewer),
    previous ? loadAssessmentScore(db, previous) : Promise.resolve(null),
  ]);
  const { score, ...rest } = overview;
  return {
    city: cityInfo,
    current: {
      ...rest,
      levels: levelsOf(score),
      scoringProblems: score.ok ? [] : score.errors,
      balance: score.ok ? score.value.balance : null,
      roadmap: score.ok ? score.value.roadmap : [],
      characteristics: score.ok
        ? score.value.characteristics.map((c) => ({
            key: c.key,
            rateable: c.rateable,
            derivedLevel: c.derivedLevel,
            finalLevel: c.finalLevel,
            finalSource: c.finalSource,
            justification: c.justification,
          }))
        : [],
    },
    previous: previous
      ? {
          id: previous.id,
          cycle: previous.cycle,
          publishedAt: previous.publishedAt,
          levels: previousScore ? levelsOf(previousScore) : null,
        }
      : null,
  };
}

export const ASSESSMENT_LIST_PAGE_SIZE = 20;

/**
 * Assessments across cities for the technical expert group and admins (what is in review, what is
 * published), newest change first, cursor-paginated on (updatedAt, id).
 */
export async function listAssessmentsAcrossCities(
  db: DbOrTx,
  options: { status?: AssessmentStatus | null; cursor?: string | null; limit: number },
) {
  const conditions: SQL[] = [];
  if (options.status) conditions.push(eq(assessments.status, options.status));
  const cursor = timeIdCursor.decode(options.cursor);
  if (cursor) conditions.push(afterTimeId(assessments.updatedAt, assessments.id, cursor, "desc"));
  const rows = await db
    .select({
      id: assessments.id,
      cycle: assessments.cycle,
      status: assessments.status,
      updatedAt: assessments.updatedAt,
      cursorAt: cursorTimestamp(assessments.updatedAt),
      publishedAt: assessments.publishedAt,
      withdrawnAt: assessments.withdrawnAt,
      cityId: cities.id,
      cityName: cities.name,
      citySlug: cities.slug,
    })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(assessments.updatedAt), desc(assessments.id))
    .limit(options.limit + 1);
  return timeIdPage(rows, options.limit);
}
