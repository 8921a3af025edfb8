import type { CharacteristicKey, LevelOrNotAssessed } from "@/shared/domain-values";
import { compileFramework } from "./compiled-framework";
import type { Framework } from "./framework-types";
import { levelValue } from "./levels";
import type { AssessmentScore } from "./score-assessment";
import type { ScoringProblem, ScoringResult } from "./scoring-problems";

export type CharacteristicProgress = {
  key: CharacteristicKey;
  before: LevelOrNotAssessed;
  after: LevelOrNotAssessed;
  /** Ladder steps gained (negative when lost); null when either side is not assessed. */
  change: number | null;
  /** Criteria met now that were not met before, in framework order. */
  newlyMet: string[];
  /** Criteria met before that are no longer met, in framework order. */
  lost: string[];
};

export type ProgressReport = {
  frameworkKey: string;
  beforeVersion: string;
  afterVersion: string;
  characteristics: CharacteristicProgress[];
};

/**
 * Progress between two assessments of the same city (the caller ensures it is the same city).
 * They compare when both use this framework and the same criterion keys and levels; the edition
 * version may differ when only wording changed.
 */
export function compareProgress(framework: Framework, before: AssessmentScore, after: AssessmentScore): ScoringResult<ProgressReport> {
  const compiled = compileFramework(framework);
  const errors: ScoringProblem[] = [];
  for (const [name, score] of [
    ["before", before],
    ["after", after],
  ] as const) {
    if (score.frameworkKey !== framework.key) {
      errors.push({
        code: "INCOMPATIBLE_FRAMEWORK",
        message: `The ${name} assessment uses framework "${score.frameworkKey}", not "${framework.key}"`,
        path: `${name}.frameworkKey`,
      });
    } else if (score.criteriaSignature !== compiled.criteriaSignature) {
      errors.push({
        code: "INCOMPATIBLE_FRAMEWORK",
        message: `The ${name} assessment (${score.frameworkKey}@${score.frameworkVersion}) has different criteria from ${framework.key}@${framework.version}`,
        path: `${name}.frameworkVersion`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const beforeByKey = new Map(before.characteristics.map((c) => [c.key, c]));
  const afterByKey = new Map(after.characteristics.map((c) => [c.key, c]));
  const characteristics = compiled.characteristics.map((characteristic): CharacteristicProgress => {
    const was = beforeByKey.get(characteristic.key);
    const now = afterByKey.get(characteristic.key);
    const beforeLevel = was?.finalLevel ?? "not_assessed";
    const afterLevel = now?.finalLevel ?? "not_assessed";
    const beforeValue = levelValue(beforeLevel);
    const afterValue = levelValue(afterLevel);
    const metBefore = new Set(was?.criteriaMet ?? []);
    const metAfter = new Set(now?.criteriaMet ?? []);
    const newlyMet: string[] = [];
    const lost: string[] = [];
    for (let i = characteristic.start; i < characteristic.end; i++) {
      const key = compiled.criterionKeys[i];
      const wasMet = metBefore.has(key);
      const isMet = metAfter.has(key);
      if (isMet && !wasMet) newlyMet.push(key);
      else if (wasMet && !isMet) lost.push(key);
    }
    return {
      key: characteristic.key,
      before: beforeLevel,
      after: afterLevel,
      change: beforeValue === null || afterValue === null ? null : afterValue - beforeValue,
      newlyMet,
      lost,
    };
  });
  return {
    ok: true,
    value: {
      frameworkKey: framework.key,
      beforeVersion: before.frameworkVersion,
      afterVersion: after.frameworkVersion,
      characteristics,
    },
  };
}
