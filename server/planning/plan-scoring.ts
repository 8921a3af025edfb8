import type { Framework } from "@/server/scoring/framework-types";
import { type AssessmentScore, type ScoringResult, scoreAssessment } from "@/server/scoring/score-assessment";
import type { CharacteristicKey, Judgement, LevelOrNotAssessed } from "@/shared/domain-values";

/**
 * What-if planning on top of the scoring core (pure: no database, no framework imports, so the
 * planner's editor runs it in the browser too). A plan is a set of criteria the city means to meet;
 * its levels, balance warnings and roadmap are the scoring core's result for the starting
 * assessment's judgements with those criteria met. Nothing here derives a level itself.
 *
 * Expert ratings are left out on purpose: a rating is a judgement of the evidence of one cycle, and a
 * plan asks what the criteria alone would give. The plan's starting point is scored the same way, so
 * "now" and "planned" differ only by the ticked criteria.
 */

export type BaselineJudgement = { criterionKey: string; judgement: Judgement };

/** The starting judgements with every planned criterion met (a planned criterion replaces its judgement). */
export function plannedJudgements(baseline: readonly BaselineJudgement[], plannedKeys: readonly string[]): BaselineJudgement[] {
  const planned = new Set(plannedKeys);
  const out: BaselineJudgement[] = baseline
    .filter((j) => !planned.has(j.criterionKey))
    .map((j) => ({ criterionKey: j.criterionKey, judgement: j.judgement }));
  for (const key of planned) out.push({ criterionKey: key, judgement: "met" });
  return out;
}

/** The scoring core's result if the planned criteria were met. */
export function scorePlan(
  framework: Framework,
  baseline: readonly BaselineJudgement[],
  plannedKeys: readonly string[],
): ScoringResult<AssessmentScore> {
  return scoreAssessment(framework, {
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
    judgements: plannedJudgements(baseline, plannedKeys),
  });
}

/** Final level per characteristic of a score, for tables and charts. */
export function planLevels(score: AssessmentScore): Partial<Record<CharacteristicKey, LevelOrNotAssessed>> {
  return Object.fromEntries(score.characteristics.map((c) => [c.key, c.finalLevel]));
}

/** Criteria already met at the start: ticking them changes nothing, so the editor shows them as done. */
export function metAtStart(baseline: readonly BaselineJudgement[]): Set<string> {
  return new Set(baseline.filter((j) => j.judgement === "met").map((j) => j.criterionKey));
}

export type PlanOutcome = "planned_met" | "planned_not_met" | "met_without_plan";

export type PlanVsActualRow = { criterionKey: string; characteristicKey: CharacteristicKey; outcome: PlanOutcome };

/**
 * Plan against the assessment of the target cycle, per criterion: planned and met, planned and not
 * met (partially met counts as not met, as in the scoring rules), and met without a plan (newly met
 * since the start, not planned). Criteria met at the start and not planned are left out. Rows come in
 * framework order.
 */
export function comparePlanWithActual(
  framework: Framework,
  baseline: readonly BaselineJudgement[],
  plannedKeys: readonly string[],
  actual: readonly BaselineJudgement[],
): PlanVsActualRow[] {
  const planned = new Set(plannedKeys);
  const before = metAtStart(baseline);
  const after = metAtStart(actual);
  const rows: PlanVsActualRow[] = [];
  for (const characteristic of framework.characteristics) {
    for (const criterion of characteristic.criteria) {
      const key = criterion.key;
      let outcome: PlanOutcome | null = null;
      if (planned.has(key)) outcome = after.has(key) ? "planned_met" : "planned_not_met";
      else if (after.has(key) && !before.has(key)) outcome = "met_without_plan";
      if (outcome) rows.push({ criterionKey: key, characteristicKey: characteristic.key, outcome });
    }
  }
  return rows;
}
