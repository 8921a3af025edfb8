import type { CharacteristicKey, Judgement, LevelOrNotAssessed, MaturityLevel } from "@/shared/domain-values";

/** The input and result shapes of the scoring core (score-assessment.ts). */

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
