import { expect } from "vitest";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { Framework } from "@/server/scoring/framework-types";
import { CRITERIA_LEVELS, type CriteriaLevel, levelValue } from "@/server/scoring/levels";
import {
  type AssessmentInput,
  type AssessmentScore,
  type CharacteristicRating,
  type CharacteristicScore,
  scoreAssessment,
} from "@/server/scoring/score-assessment";
import type { CharacteristicKey, Judgement } from "@/shared/domain-values";

export const framework: Framework = currentFramework();

export const RATEABLE_KEYS = framework.characteristics.filter((c) => c.rateable).map((c) => c.key);

export function criteriaOf(characteristicKey: CharacteristicKey, level?: CriteriaLevel): string[] {
  const characteristic = framework.characteristics.find((c) => c.key === characteristicKey);
  if (!characteristic) throw new Error(`no characteristic ${characteristicKey}`);
  return characteristic.criteria.filter((c) => level === undefined || c.level === level).map((c) => c.key);
}

/** Judgements meeting every criterion of `characteristicKey` up to and including `level`. */
export function meetUpTo(characteristicKey: CharacteristicKey, level: CriteriaLevel): Record<string, Judgement> {
  const judgements: Record<string, Judgement> = {};
  const top = levelValue(level) ?? 0;
  for (const candidate of CRITERIA_LEVELS) {
    if ((levelValue(candidate) ?? 0) > top) break;
    for (const key of criteriaOf(characteristicKey, candidate)) judgements[key] = "met";
  }
  return judgements;
}

export function inputOf(
  judgements: Record<string, Judgement>,
  ratings: CharacteristicRating[] = [],
  edition: Pick<Framework, "key" | "version"> = framework,
): AssessmentInput {
  return {
    frameworkKey: edition.key,
    frameworkVersion: edition.version,
    judgements: Object.entries(judgements).map(([criterionKey, judgement]) => ({ criterionKey, judgement })),
    ratings,
  };
}

export function scoreOk(input: AssessmentInput, edition: Framework = framework): AssessmentScore {
  const result = scoreAssessment(edition, input);
  if (!result.ok) expect.fail(`expected a score, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

export function characteristicOf(score: AssessmentScore, key: CharacteristicKey): CharacteristicScore {
  const found = score.characteristics.find((c) => c.key === key);
  if (!found) throw new Error(`no score for ${key}`);
  return found;
}

/** A deep, unfrozen copy of an edition, to derive broken or later editions from. */
export function editableCopy(edition: Framework = framework): Framework {
  return structuredClone(edition) as Framework;
}
