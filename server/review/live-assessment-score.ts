import { and, asc, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { users } from "@/db/schema/identity";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { canJudge } from "@/server/assessments/assessment-phase";
import { type AssessmentScore, type ScoringResult, scoreAssessment } from "@/server/scoring/score-assessment";
import type { CharacteristicKey } from "@/shared/domain-values";

type Assessment = typeof assessments.$inferSelect;

/**
 * The assessment's current score, from the stored judgements and ratings, by the scoring core.
 * Never re-derives anything itself.
 */
export async function loadAssessmentScore(db: DbOrTx, assessment: Assessment): Promise<ScoringResult<AssessmentScore>> {
  const [judgements, ratings] = await Promise.all([
    db
      .select({ criterionKey: criterionJudgements.criterionKey, judgement: criterionJudgements.judgement })
      .from(criterionJudgements)
      .where(eq(criterionJudgements.assessmentId, assessment.id)),
    db
      .select({
        characteristicKey: characteristicRatings.characteristicKey,
        level: characteristicRatings.level,
        justification: characteristicRatings.justification,
      })
      .from(characteristicRatings)
      .where(eq(characteristicRatings.assessmentId, assessment.id)),
  ]);
  return scoreAssessment(frameworkOf(assessment), {
    frameworkKey: assessment.frameworkKey,
    frameworkVersion: assessment.frameworkVersion,
    judgements: judgements.map((j) => ({ criterionKey: j.criterionKey, judgement: j.judgement })),
    ratings: ratings.map((r) => ({ characteristicKey: r.characteristicKey, level: r.level, justification: r.justification })),
  });
}

/** Accepted evidence offered for linking: one characteristic's worth, bounded for the picker. */
const MAX_LINKABLE_EVIDENCE = 500;

/**
 * What the judgement panel of one characteristic shows: every judgement and rating of the
 * assessment (the score needs them all), the live score and roadmap, and the accepted evidence of
 * the characteristic that judgements may link to.
 */
export async function loadJudgementPanel(db: Db, assessment: Assessment, characteristicKey: CharacteristicKey) {
  const [judgements, ratings, linkable, score, origins] = await Promise.all([
    db
      .select({
        criterionKey: criterionJudgements.criterionKey,
        characteristicKey: criterionJudgements.characteristicKey,
        judgement: criterionJudgements.judgement,
        note: criterionJudgements.note,
        evidenceIds: criterionJudgements.evidenceIds,
        carriedOver: criterionJudgements.carriedOver,
        version: criterionJudgements.version,
        updatedByName: users.name,
        updatedAt: criterionJudgements.updatedAt,
      })
      .from(criterionJudgements)
      .leftJoin(users, eq(users.id, criterionJudgements.updatedBy))
      .where(eq(criterionJudgements.assessmentId, assessment.id))
      .orderBy(asc(criterionJudgements.criterionKey)),
    db
      .select({
        characteristicKey: characteristicRatings.characteristicKey,
        level: characteristicRatings.level,
        justification: characteristicRatings.justification,
        carriedOver: characteristicRatings.carriedOver,
        version: characteristicRatings.version,
        updatedByName: users.name,
        updatedAt: characteristicRatings.updatedAt,
      })
      .from(characteristicRatings)
      .leftJoin(users, eq(users.id, characteristicRatings.updatedBy))
      .where(eq(characteristicRatings.assessmentId, assessment.id)),
    db
      .select({
        id: evidence.id,
        title: evidence.title,
        kind: evidence.kind,
        characteristicKey: evidence.characteristicKey,
        criterionKeys: evidenceRevisions.criterionKeys,
      })
      .from(evidence)
      .innerJoin(
        evidenceRevisions,
        and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
      )
      .where(
        and(eq(evidence.assessmentId, assessment.id), eq(evidence.characteristicKey, characteristicKey), eq(evidence.status, "accepted")),
      )
      .orderBy(desc(evidence.updatedAt), desc(evidence.id))
      .limit(MAX_LINKABLE_EVIDENCE),
    loadAssessmentScore(db, assessment),
    loadCarriedOverOrigins(db, assessment),
  ]);
  const carriedFrom = <T extends { carriedOver: boolean }>(row: T, key: string) =>
    row.carriedOver ? (origins.get(key) ?? origins.get(ORIGIN_OF_ASSESSMENT) ?? null) : null;
  return {
    assessment: {
      id: assessment.id,
      cityId: assessment.cityId,
      cycle: assessment.cycle,
      status: assessment.status,
      frameworkKey: assessment.frameworkKey,
      frameworkVersion: assessment.frameworkVersion,
    },
    canJudge: canJudge(assessment.status),
    judgements: judgements.map((j) => ({ ...j, carriedFrom: carriedFrom(j, `criterion:${j.criterionKey}`) })),
    ratings: ratings.map((r) => ({ ...r, carriedFrom: carriedFrom(r, `rating:${r.characteristicKey}`) })),
    linkableEvidence: linkable,
    score,
  };
}

/**
 * Who made a carried-over judgement or rating, and when: the row it was copied from in the previous
 * cycle's assessment (`copiedFromId`). A carried-over row is dated the day the cycle was opened, so
 * its own `updatedAt` says when it was copied, not when it was judged. Judgements of the
 * illustrative reference dataset (the white paper's figures) have no expert behind them:
 * `judgedByName` is null and `illustrative` true.
 */
export type CarriedOverOrigin = {
  assessmentId: string;
  cycle: string;
  illustrative: boolean;
  judgedByName: string | null;
  judgedAt: Date | null;
};

const ORIGIN_OF_ASSESSMENT = "assessment";

async function loadCarriedOverOrigins(db: Db, assessment: Assessment): Promise<Map<string, CarriedOverOrigin>> {
  const origins = new Map<string, CarriedOverOrigin>();
  if (!assessment.copiedFromId) return origins;
  const [source] = await db
    .select({
      id: assessments.id,
      cycle: assessments.cycle,
      illustrative: assessments.isIllustrative,
      publishedAt: assessments.publishedAt,
    })
    .from(assessments)
    .where(eq(assessments.id, assessment.copiedFromId))
    .limit(1);
  if (!source) return origins;
  const [judged, rated] = await Promise.all([
    db
      .select({ key: criterionJudgements.criterionKey, name: users.name, at: criterionJudgements.updatedAt })
      .from(criterionJudgements)
      .leftJoin(users, eq(users.id, criterionJudgements.updatedBy))
      .where(eq(criterionJudgements.assessmentId, source.id)),
    db
      .select({ key: characteristicRatings.characteristicKey, name: users.name, at: characteristicRatings.updatedAt })
      .from(characteristicRatings)
      .leftJoin(users, eq(users.id, characteristicRatings.updatedBy))
      .where(eq(characteristicRatings.assessmentId, source.id)),
  ]);
  const base = { assessmentId: source.id, cycle: source.cycle, illustrative: source.illustrative };
  origins.set(ORIGIN_OF_ASSESSMENT, { ...base, judgedByName: null, judgedAt: source.publishedAt });
  for (const j of judged) origins.set(`criterion:${j.key}`, { ...base, judgedByName: j.name, judgedAt: j.at });
  for (const r of rated) origins.set(`rating:${r.key}`, { ...base, judgedByName: r.name, judgedAt: r.at });
  return origins;
}
