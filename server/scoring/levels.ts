/**
 * The maturity ladder of the EU-China smart city framework (white paper 2014, Figure 3 and Annex 2).
 * The value lists (ladder, Figure 3 columns, judgements) are in shared/domain-values.ts, which the
 * database enums share. Order matters: every comparison between levels goes through `levelValue`.
 */
import { type LevelOrNotAssessed, MATURITY_LEVELS, type MaturityLevel } from "@/shared/domain-values";

/** The levels that carry criteria in Annex 2 ("not yet addressed" is the absence of Basic). */
export const CRITERIA_LEVELS = ["basic", "average", "more_advanced", "state_of_the_art"] as const;
export type CriteriaLevel = (typeof CRITERIA_LEVELS)[number];

const LEVEL_VALUES: Readonly<Record<LevelOrNotAssessed, number | null>> = {
  not_yet_addressed: 0,
  basic: 1,
  average: 2,
  more_advanced: 3,
  state_of_the_art: 4,
  not_assessed: null,
};

/** 0 (not yet addressed) .. 4 (state of the art); null for `not_assessed`. */
export function levelValue(level: LevelOrNotAssessed): number | null {
  return LEVEL_VALUES[level];
}

/** The maturity level at a ladder position, or undefined outside 0..4. */
export function levelAt(value: number): MaturityLevel | undefined {
  return MATURITY_LEVELS[value];
}

export function isMaturityLevel(value: unknown): value is MaturityLevel {
  return typeof value === "string" && (MATURITY_LEVELS as readonly string[]).includes(value);
}

export function isLevelOrNotAssessed(value: unknown): value is LevelOrNotAssessed {
  return value === "not_assessed" || isMaturityLevel(value);
}
