import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { getFramework } from "@/server/scoring/framework-registry";
import { type AssessmentScore, scoreAssessment } from "@/server/scoring/score-assessment";
import { FrozenCache, type FrozenRow, frozenKey } from "./frozen-cache";

/** `version`, `status` and `publishedAt`, when given, let a published (frozen) score be reused. */
export type ScorableAssessment = FrozenRow & { frameworkKey: string; frameworkVersion: string };

/** Scores of published assessments, reused across requests (see frozen-cache.ts). */
const frozenScores = new FrozenCache<AssessmentScore>({ maxEntries: 5_000, maxBytes: 64 * 1024 * 1024 });

/**
 * Scores a batch of assessments with the scoring core: two queries (judgements, ratings) for the
 * whole batch, whatever its size, and none when every published score is already known. Levels are
 * never stored: every public figure is derived here from the criteria and the expert ratings,
 * exactly as the workflow derives them.
 *
 * An assessment that cannot be scored (its framework edition is not registered, or its data breaks
 * a scoring rule) is left out of the map and logged: one bad row must not take down the benchmark.
 */
export async function scorePublishedAssessments(db: DbOrTx, rows: readonly ScorableAssessment[]): Promise<Map<string, AssessmentScore>> {
  const scores = new Map<string, AssessmentScore>();
  const misses: ScorableAssessment[] = [];
  for (const row of rows) {
    const cached = frozenScores.get(frozenKey(row));
    if (cached) scores.set(row.id, cached);
    else misses.push(row);
  }
  if (misses.length === 0) return scores;
  const ids = misses.map((r) => r.id);
  const [judgements, ratings] = await Promise.all([
    db
      .select({
        assessmentId: criterionJudgements.assessmentId,
        criterionKey: criterionJudgements.criterionKey,
        judgement: criterionJudgements.judgement,
      })
      .from(criterionJudgements)
      .where(inArray(criterionJudgements.assessmentId, ids)),
    db
      .select({
        assessmentId: characteristicRatings.assessmentId,
        characteristicKey: characteristicRatings.characteristicKey,
        level: characteristicRatings.level,
        justification: characteristicRatings.justification,
      })
      .from(characteristicRatings)
      .where(inArray(characteristicRatings.assessmentId, ids)),
  ]);
  const judgementsOf = groupBy(judgements, (j) => j.assessmentId);
  const ratingsOf = groupBy(ratings, (r) => r.assessmentId);
  for (const row of misses) {
    const framework = getFramework(row.frameworkKey, row.frameworkVersion);
    if (!framework) {
      console.warn(`public: assessment ${row.id} uses unregistered framework ${row.frameworkKey}@${row.frameworkVersion}`);
      continue;
    }
    const result = scoreAssessment(framework, {
      frameworkKey: row.frameworkKey,
      frameworkVersion: row.frameworkVersion,
      judgements: judgementsOf.get(row.id) ?? [],
      ratings: ratingsOf.get(row.id) ?? [],
    });
    if (!result.ok) {
      console.warn(`public: assessment ${row.id} cannot be scored`, result.errors);
      continue;
    }
    scores.set(row.id, result.value);
    frozenScores.set(frozenKey(row), result.value);
  }
  return scores;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(item);
  }
  return groups;
}
