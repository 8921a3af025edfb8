export const SCORING_PROBLEM_CODES = [
  "INVALID_INPUT",
  "FRAMEWORK_MISMATCH",
  "UNKNOWN_CRITERION",
  "INVALID_JUDGEMENT",
  "DUPLICATE_JUDGEMENT",
  "UNKNOWN_CHARACTERISTIC",
  "INVALID_LEVEL",
  "DUPLICATE_RATING",
  "CHARACTERISTIC_NOT_RATEABLE",
  "OVERRIDE_WITHOUT_JUSTIFICATION",
  "INCOMPATIBLE_FRAMEWORK",
] as const;
export type ScoringProblemCode = (typeof SCORING_PROBLEM_CODES)[number];

/** One thing wrong with the input; `path` points into the input, e.g. `judgements[3].criterionKey`. */
export type ScoringProblem = { code: ScoringProblemCode; message: string; path?: string };

/** Invalid input is a value listing every problem, never a thrown exception. */
export type ScoringResult<T> = { ok: true; value: T } | { ok: false; errors: ScoringProblem[] };
