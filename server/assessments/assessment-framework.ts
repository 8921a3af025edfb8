import { getFramework } from "@/server/scoring/framework-registry";
import type { Characteristic, Criterion, Framework, GuidingQuestion } from "@/server/scoring/framework-types";

/** The framework edition an assessment is pinned to. A missing edition is a deployment error, not user error. */
export function frameworkOf(assessment: { frameworkKey: string; frameworkVersion: string }): Framework {
  const framework = getFramework(assessment.frameworkKey, assessment.frameworkVersion);
  if (!framework) {
    throw new Error(`Framework ${assessment.frameworkKey}@${assessment.frameworkVersion} is not registered`);
  }
  return framework;
}

export function characteristicOf(framework: Framework, key: string): Characteristic | undefined {
  return framework.characteristics.find((c) => c.key === key);
}

export function criterionOf(framework: Framework, key: string): Criterion | undefined {
  for (const characteristic of framework.characteristics) {
    const found = characteristic.criteria.find((c) => c.key === key);
    if (found) return found;
  }
  return undefined;
}

/** Every guiding question of a characteristic, sub-questions included, in reading order. */
export function flattenQuestions(questions: readonly GuidingQuestion[]): GuidingQuestion[] {
  return questions.flatMap((q) => [q, ...flattenQuestions(q.subQuestions)]);
}
