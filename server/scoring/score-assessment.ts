import type { CharacteristicKey, LevelOrNotAssessed } from "@/shared/domain-values";
import { balanceOf } from "./balance";
import { compileFramework } from "./compiled-framework";
import type { Framework } from "./framework-types";
import { levelValue } from "./levels";
import { roadmapOf } from "./roadmap";
import type { AssessmentInput, AssessmentScore, CharacteristicRating, CharacteristicScore } from "./score-types";
import { collectJudgements, collectRatings, describeValue } from "./scoring-input";
import type { ScoringProblem, ScoringResult } from "./scoring-problems";
import { deriveLevelValue, MET, NOT_ASSESSED, NOT_JUDGED, valueToLevel } from "./staircase";

/**
 * The scoring core's entry point (pure: no database, no I/O, no Next.js). The parts: score-types.ts (shapes),
 * scoring-input.ts (reading judgements and ratings), staircase.ts (derived level), balance.ts,
 * roadmap.ts.
 */

export type {
  AssessmentInput,
  AssessmentScore,
  BalanceReport,
  CharacteristicRating,
  CharacteristicScore,
  RoadmapStep,
} from "./score-types";
export type { ScoringProblem, ScoringResult } from "./scoring-problems";

/**
 * Scores one assessment against the framework edition it is pinned to: derived level per
 * characteristic, the expert rating where given, balance and roadmap. Invalid input gives every
 * problem at once as a value.
 */
export function scoreAssessment(framework: Framework, input: AssessmentInput): ScoringResult<AssessmentScore> {
  const compiled = compileFramework(framework);
  if (!input || typeof input !== "object") {
    return { ok: false, errors: [{ code: "INVALID_INPUT", message: "The assessment input must be an object" }] };
  }
  const problems: ScoringProblem[] = [];
  if (input.frameworkKey !== framework.key || input.frameworkVersion !== framework.version) {
    problems.push({
      code: "FRAMEWORK_MISMATCH",
      message: `The assessment is pinned to ${describeValue(input.frameworkKey)}@${describeValue(input.frameworkVersion)}, not ${framework.key}@${framework.version}`,
      path: input.frameworkKey !== framework.key ? "frameworkKey" : "frameworkVersion",
    });
  }

  const characteristics = compiled.characteristics;
  const count = characteristics.length;
  const codes = compiled.scratchCodes;
  codes.fill(NOT_JUDGED);
  collectJudgements(compiled, input.judgements, codes, problems);
  const ratingOf = new Array<CharacteristicRating | undefined>(count);
  const ratingPath = new Array<number>(count);
  collectRatings(compiled, input.ratings, ratingOf, ratingPath, problems);

  const scores = new Array<CharacteristicScore>(count);
  const finalValues = new Array<number>(count);
  const criterionKeys = compiled.criterionKeys;
  for (let c = 0; c < count; c++) {
    const characteristic = characteristics[c];
    const { start, end, levelStart } = characteristic;
    const derived = characteristic.rateable ? deriveLevelValue(codes, levelStart, start, end) : NOT_ASSESSED;
    const derivedLevel = valueToLevel(derived);

    const criteriaMet: string[] = [];
    const aheadOfStaircase: string[] = [];
    let judgedCount = 0;
    for (let i = start; i < end; i++) {
      const code = codes[i];
      if (code === NOT_JUDGED) continue;
      judgedCount++;
      if (code === MET) {
        criteriaMet.push(criterionKeys[i]);
        if (compiled.criterionLevel[i] > derived) aheadOfStaircase.push(criterionKeys[i]);
      }
    }

    let ratedLevel: LevelOrNotAssessed | null = null;
    let justification: string | null = null;
    let finalLevel: LevelOrNotAssessed = derivedLevel;
    let finalSource: CharacteristicScore["finalSource"] = characteristic.rateable ? "derived" : "unrated";
    const rating = ratingOf[c];
    if (rating !== undefined) {
      ratedLevel = rating.level;
      justification = typeof rating.justification === "string" && rating.justification.trim() !== "" ? rating.justification.trim() : null;
      if (ratedLevel !== derivedLevel && justification === null) {
        problems.push({
          code: "OVERRIDE_WITHOUT_JUSTIFICATION",
          message: `Rating "${characteristic.key}" ${ratedLevel} instead of the derived ${derivedLevel} needs a written justification`,
          path: `ratings[${ratingPath[c]}].justification`,
        });
      }
      finalLevel = ratedLevel;
      finalSource = "rated";
    }
    finalValues[c] = levelValue(finalLevel) ?? NOT_ASSESSED;
    scores[c] = {
      key: characteristic.key,
      rateable: characteristic.rateable,
      derivedLevel,
      ratedLevel,
      justification,
      finalLevel,
      finalSource,
      criteriaMet,
      aheadOfStaircase,
      judgedCount,
      criteriaCount: end - start,
    };
  }
  if (problems.length > 0) return { ok: false, errors: problems };

  const balance = balanceOf(compiled, finalValues);
  return {
    ok: true,
    value: {
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      criteriaSignature: compiled.criteriaSignature,
      characteristics: scores,
      balance,
      roadmap: roadmapOf(compiled, codes, finalValues, balance.median),
    },
  };
}

/** Final level per characteristic, ready to feed a cohort benchmark. */
export function levelsFromScore(score: AssessmentScore): Record<CharacteristicKey, LevelOrNotAssessed> {
  const levels = {} as Record<CharacteristicKey, LevelOrNotAssessed>;
  for (const characteristic of score.characteristics) levels[characteristic.key] = characteristic.finalLevel;
  return levels;
}
