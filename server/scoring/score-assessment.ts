import { compileFramework, type CompiledFramework } from "./compiled-framework";
import type { CharacteristicKey, Framework } from "./framework-types";
import {
  isLevelOrNotAssessed,
  levelValue,
  MATURITY_LEVELS,
  type Judgement,
  type LevelOrNotAssessed,
  type MaturityLevel,
} from "./levels";
import type { ScoringProblem, ScoringResult } from "./scoring-problems";

export type { ScoringProblem, ScoringProblemCode, ScoringResult } from "./scoring-problems";

export type CriterionJudgement = { criterionKey: string; judgement: Judgement };

/** A level set by the technical expert group; it must be justified when it differs from the derived level. */
export type CharacteristicRating = {
  characteristicKey: string;
  level: LevelOrNotAssessed;
  justification?: string | null;
};

export type AssessmentInput = {
  /** The framework edition the assessment is pinned to; must be the edition it is scored against. */
  frameworkKey: string;
  frameworkVersion: string;
  /** Criteria without an entry are not judged yet (they count as not met). */
  judgements: CriterionJudgement[];
  ratings?: CharacteristicRating[];
};

export type CharacteristicScore = {
  key: CharacteristicKey;
  rateable: boolean;
  /** From the criteria by the staircase rule. */
  derivedLevel: LevelOrNotAssessed;
  /** Set by the expert group, null when none. */
  ratedLevel: LevelOrNotAssessed | null;
  justification: string | null;
  finalLevel: LevelOrNotAssessed;
  /** "unrated" for a characteristic without maturity criteria (legal & regulatory): never scored. */
  finalSource: "derived" | "rated" | "unrated";
  /** Every criterion judged met, in framework order (including those ahead of the staircase). */
  criteriaMet: string[];
  /** Criteria met above the derived level: reported, not counted toward the level. */
  aheadOfStaircase: string[];
  /** Criteria with any judgement, not applicable included. */
  judgedCount: number;
  criteriaCount: number;
};

export type BalanceFlag = {
  characteristicKey: CharacteristicKey;
  level: MaturityLevel;
  direction: "above" | "below";
  /** Levels between this characteristic and the median (may be x.5 when the median is). */
  distance: number;
};

export type BalanceReport = {
  /** Median ladder value (0..4) of the characteristics that have a final level; null when none. */
  median: number | null;
  /** Highest minus lowest ladder value among them; null when none. */
  spread: number | null;
  /** Characteristics two or more levels away from the median ("no isolated advances"). */
  flags: BalanceFlag[];
};

export type RoadmapStep = {
  characteristicKey: CharacteristicKey;
  currentLevel: LevelOrNotAssessed;
  /** The next rung of the staircase; null at the top and for unrated characteristics. */
  nextLevel: MaturityLevel | null;
  /** Criteria of the next level that are neither met nor not applicable, in framework order. */
  unmetCriteria: string[];
  /** Below the median of the city's rated characteristics. */
  lagging: boolean;
  /** advance: work on unmetCriteria; assess: no level yet, judge the criteria first;
   *  complete: state of the art reached; unrated: no maturity criteria in the framework. */
  status: "advance" | "assess" | "complete" | "unrated";
};

export type AssessmentScore = {
  frameworkKey: string;
  frameworkVersion: string;
  /** Fingerprint of the edition's criterion keys and levels: results with equal signatures compare. */
  criteriaSignature: string;
  /** In framework order. */
  characteristics: CharacteristicScore[];
  balance: BalanceReport;
  /** Lagging characteristics first: lowest final level first, then framework order. */
  roadmap: RoadmapStep[];
};

const NOT_JUDGED = 0;
const MET = 1;
const PARTIALLY_MET = 2;
const NOT_MET = 3;
const NOT_APPLICABLE = 4;
/** A judgement value that is not one of the four; the input is rejected anyway. */
const INVALID = 5;

/** Judgement to its code; a switch on interned strings is faster than a map lookup here. */
/**
 * Names any value for an error message without ever throwing. `String()` throws on an object with no
 * prototype (`Object.create(null)`) or whose `toString`/`valueOf` are not functions, and a template
 * literal throws on a symbol; untrusted input can be any of these.
 */
function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value.length > 100 ? `${value.slice(0, 100)}…` : value;
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
    case "symbol":
      return String(value);
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      return Array.isArray(value) ? "a list" : "an object";
  }
}

function judgementCode(judgement: unknown): number | undefined {
  switch (judgement) {
    case "met":
      return MET;
    case "partially_met":
      return PARTIALLY_MET;
    case "not_met":
      return NOT_MET;
    case "not_applicable":
      return NOT_APPLICABLE;
    default:
      return undefined;
  }
}

const NOT_ASSESSED = -1;
const TOP = MATURITY_LEVELS.length - 1;

function valueToLevel(value: number): LevelOrNotAssessed {
  return value < 0 ? "not_assessed" : MATURITY_LEVELS[value];
}

/**
 * The staircase ("no leapfrogging"): the highest level whose criteria, and those of every level
 * below it, are all met or not applicable. Partially met, not met and not yet judged criteria stop
 * the climb. A level whose criteria are all not applicable is stepped over but cannot by itself be
 * the result, so marking the top level not applicable never promotes a city. No judgement at all,
 * or only "not applicable" judgements, gives not_assessed.
 */
function deriveLevelValue(codes: Uint8Array, levelStart: Int32Array, start: number, end: number): number {
  let judged = 0;
  let notApplicable = 0;
  for (let i = start; i < end; i++) {
    const code = codes[i];
    if (code !== NOT_JUDGED) judged++;
    if (code === NOT_APPLICABLE) notApplicable++;
  }
  if (judged === 0 || notApplicable === end - start) return NOT_ASSESSED;
  let derived = 0;
  for (let level = 1; level <= TOP; level++) {
    let anyMet = false;
    for (let i = levelStart[level]; i < levelStart[level + 1]; i++) {
      const code = codes[i];
      if (code === MET) anyMet = true;
      else if (code !== NOT_APPLICABLE) return derived;
    }
    if (anyMet) derived = level;
  }
  return derived;
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function collectJudgements(
  compiled: CompiledFramework,
  judgements: unknown,
  codes: Uint8Array,
  problems: ScoringProblem[],
): void {
  if (!Array.isArray(judgements)) {
    problems.push({ code: "INVALID_INPUT", message: "judgements must be a list", path: "judgements" });
    return;
  }
  const { indexOfCriterion } = compiled;
  for (let i = 0; i < judgements.length; i++) {
    const entry = judgements[i] as Partial<CriterionJudgement> | null | undefined;
    const key = entry?.criterionKey;
    const found = typeof key === "string" ? indexOfCriterion(key) : -1;
    const index = found >= 0 ? found : undefined;
    const code = judgementCode(entry?.judgement);
    if (index === undefined) {
      problems.push({
        code: "UNKNOWN_CRITERION",
        message: `Unknown criterion "${describeValue(key)}" in ${compiled.framework.key}@${compiled.framework.version}`,
        path: `judgements[${i}].criterionKey`,
      });
    }
    if (code === undefined) {
      problems.push({
        code: "INVALID_JUDGEMENT",
        message: `Unknown judgement "${describeValue(entry?.judgement)}"`,
        path: `judgements[${i}].judgement`,
      });
    }
    if (index !== undefined) {
      if (codes[index] !== NOT_JUDGED) {
        problems.push({
          code: "DUPLICATE_JUDGEMENT",
          message: `Criterion "${key}" is judged more than once`,
          path: `judgements[${i}].criterionKey`,
        });
      } else {
        codes[index] = code ?? INVALID;
      }
    }
  }
}

function collectRatings(
  compiled: CompiledFramework,
  ratings: unknown,
  ratingOf: (CharacteristicRating | undefined)[],
  ratingPath: number[],
  problems: ScoringProblem[],
): void {
  if (ratings === undefined || ratings === null) return;
  if (!Array.isArray(ratings)) {
    problems.push({ code: "INVALID_INPUT", message: "ratings must be a list", path: "ratings" });
    return;
  }
  for (let i = 0; i < ratings.length; i++) {
    const rating = ratings[i] as Partial<CharacteristicRating> | null | undefined;
    const key = rating?.characteristicKey;
    const index = typeof key === "string" ? compiled.characteristicIndex.get(key) : undefined;
    if (index === undefined) {
      problems.push({
        code: "UNKNOWN_CHARACTERISTIC",
        message: `Unknown characteristic "${describeValue(key)}"`,
        path: `ratings[${i}].characteristicKey`,
      });
      continue;
    }
    if (!compiled.characteristics[index].rateable) {
      problems.push({
        code: "CHARACTERISTIC_NOT_RATEABLE",
        message: `"${key}" has no maturity criteria in this framework and is reported unrated`,
        path: `ratings[${i}].level`,
      });
      continue;
    }
    if (!isLevelOrNotAssessed(rating?.level)) {
      problems.push({
        code: "INVALID_LEVEL",
        message: `Unknown level "${describeValue(rating?.level)}"`,
        path: `ratings[${i}].level`,
      });
      continue;
    }
    if (ratingOf[index] !== undefined) {
      problems.push({
        code: "DUPLICATE_RATING",
        message: `"${key}" is rated more than once`,
        path: `ratings[${i}].characteristicKey`,
      });
      continue;
    }
    ratingOf[index] = rating as CharacteristicRating;
    ratingPath[index] = i;
  }
}

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
      justification = typeof rating.justification === "string" && rating.justification.trim() !== ""
        ? rating.justification.trim()
        : null;
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

/** "No isolated advances": flags characteristics two or more levels from the median. */
function balanceOf(compiled: CompiledFramework, finalValues: number[]): BalanceReport {
  const rated: number[] = [];
  for (let c = 0; c < finalValues.length; c++) {
    if (compiled.characteristics[c].rateable && finalValues[c] >= 0) rated.push(finalValues[c]);
  }
  if (rated.length === 0) return { median: null, spread: null, flags: [] };
  for (let i = 1; i < rated.length; i++) {
    const value = rated[i];
    let j = i - 1;
    while (j >= 0 && rated[j] > value) {
      rated[j + 1] = rated[j];
      j--;
    }
    rated[j + 1] = value;
  }
  const mid = median(rated);
  const flags: BalanceFlag[] = [];
  for (let c = 0; c < finalValues.length; c++) {
    const value = finalValues[c];
    if (!compiled.characteristics[c].rateable || value < 0) continue;
    const distance = Math.abs(value - mid);
    if (distance >= 2) {
      flags.push({
        characteristicKey: compiled.characteristics[c].key,
        level: MATURITY_LEVELS[value],
        direction: value > mid ? "above" : "below",
        distance,
      });
    }
  }
  return { median: mid, spread: rated[rated.length - 1] - rated[0], flags };
}

/** Sort rank: rated characteristics by level, then those without a level, then unrated ones. */
function roadmapRank(rateable: boolean, value: number): number {
  if (!rateable) return TOP + 2;
  return value < 0 ? TOP + 1 : value;
}

function roadmapOf(
  compiled: CompiledFramework,
  codes: Uint8Array,
  finalValues: number[],
  medianValue: number | null,
): RoadmapStep[] {
  const count = compiled.characteristics.length;
  const steps = new Array<RoadmapStep>(count);
  const ranks = new Array<number>(count);
  for (let c = 0; c < count; c++) {
    const characteristic = compiled.characteristics[c];
    const value = finalValues[c];
    let nextValue = -1;
    let status: RoadmapStep["status"];
    if (!characteristic.rateable) status = "unrated";
    else if (value < 0) {
      status = "assess";
      nextValue = 1;
    } else if (value >= TOP) status = "complete";
    else {
      status = "advance";
      nextValue = value + 1;
    }
    const unmetCriteria: string[] = [];
    if (nextValue > 0) {
      const { levelStart } = characteristic;
      for (let i = levelStart[nextValue]; i < levelStart[nextValue + 1]; i++) {
        const code = codes[i];
        if (code !== MET && code !== NOT_APPLICABLE) unmetCriteria.push(compiled.criterionKeys[i]);
      }
    }
    steps[c] = {
      characteristicKey: characteristic.key,
      currentLevel: valueToLevel(value),
      nextLevel: nextValue > 0 ? MATURITY_LEVELS[nextValue] : null,
      unmetCriteria,
      lagging: characteristic.rateable && value >= 0 && medianValue !== null && value < medianValue,
      status,
    };
    ranks[c] = roadmapRank(characteristic.rateable, value);
  }
  // Stable insertion sort by rank: nine items, and framework order breaks ties.
  for (let i = 1; i < count; i++) {
    const step = steps[i];
    const rank = ranks[i];
    let j = i - 1;
    while (j >= 0 && ranks[j] > rank) {
      steps[j + 1] = steps[j];
      ranks[j + 1] = ranks[j];
      j--;
    }
    steps[j + 1] = step;
    ranks[j + 1] = rank;
  }
  return steps;
}

/** Final level per characteristic, ready to feed a cohort benchmark. */
export function levelsFromScore(score: AssessmentScore): Record<CharacteristicKey, LevelOrNotAssessed> {
  const levels = {} as Record<CharacteristicKey, LevelOrNotAssessed>;
  for (const characteristic of score.characteristics) levels[characteristic.key] = characteristic.finalLevel;
  return levels;
}
