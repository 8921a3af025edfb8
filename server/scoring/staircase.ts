import { type LevelOrNotAssessed, MATURITY_LEVELS } from "@/shared/domain-values";

/**
 * Criterion judgements as small codes in one typed array per framework edition (compiled-framework.ts),
 * and the staircase rule that derives a characteristic's level from them.
 */

export const NOT_JUDGED = 0;
export const MET = 1;
const PARTIALLY_MET = 2;
const NOT_MET = 3;
export const NOT_APPLICABLE = 4;
/** A judgement value that is not one of the four; the input is rejected anyway. */
export const INVALID = 5;

/** Judgement to its code; a switch on interned strings is faster than a map lookup here. */
export function judgementCode(judgement: unknown): number | undefined {
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

export const NOT_ASSESSED = -1;
export const TOP = MATURITY_LEVELS.length - 1;

export function valueToLevel(value: number): LevelOrNotAssessed {
  return value < 0 ? "not_assessed" : MATURITY_LEVELS[value];
}

/**
 * The staircase ("no leapfrogging"): the highest level whose criteria, and those of every level
 * below it, are all met or not applicable. Partially met, not met and not yet judged criteria stop
 * the climb. A level whose criteria are all not applicable is stepped over but cannot by itself be
 * the result, so marking the top level not applicable never promotes a city. No judgement at all,
 * or only "not applicable" judgements, gives not_assessed.
 */
export function deriveLevelValue(codes: Uint8Array, levelStart: Int32Array, start: number, end: number): number {
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
