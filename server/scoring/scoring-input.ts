import type { CompiledFramework } from "./compiled-framework";
import { isLevelOrNotAssessed } from "./levels";
import type { CharacteristicRating, CriterionJudgement } from "./score-types";
import type { ScoringProblem } from "./scoring-problems";
import { INVALID, judgementCode, NOT_JUDGED } from "./staircase";

/**
 * Reads untrusted judgements and ratings into the compiled framework's slots, collecting every
 * problem rather than stopping at the first.
 */

/**
 * Names any value for an error message without ever throwing. `String()` throws on an object with no
 * prototype (`Object.create(null)`) or whose `toString`/`valueOf` are not functions, and a template
 * literal throws on a symbol; untrusted input can be any of these.
 */
export function describeValue(value: unknown): string {
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

/** Judgements into `codes` (one per criterion, framework order); unknown, invalid and repeated ones are problems. */
export function collectJudgements(compiled: CompiledFramework, judgements: unknown, codes: Uint8Array, problems: ScoringProblem[]): void {
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

/** Expert ratings by characteristic index, with the input position of each for problem paths. */
export function collectRatings(
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
