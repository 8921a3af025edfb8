import "server-only";
import type { CriterionOption, QuestionOption } from "@/components/evidence/evidence-form";
import { flattenQuestions } from "@/server/assessments/assessment-framework";
import type { Characteristic, GuidingQuestion, Locale } from "@/server/scoring/framework-types";

/**
 * Framework texts shaped for the forms and lists of server pages, in the reader's language. The
 * framework edition itself comes from `frameworkOf` (server/assessments/assessment-framework.ts).
 */

/** Characteristic names in framework order, limited to `keys` if given. */
export function characteristicOptions(characteristics: readonly Characteristic[], lang: Locale, keys?: readonly string[]) {
  return characteristics.filter((c) => !keys || keys.includes(c.key)).map((c) => ({ key: c.key as string, name: c.name[lang] }));
}

/** Criteria of a characteristic for forms and lists, level by level. */
export function criterionOptions(characteristic: Characteristic, lang: Locale, levelLabel: (level: string) => string): CriterionOption[] {
  return characteristic.criteria.map((c) => ({ key: c.key, level: c.level, levelLabel: levelLabel(c.level), text: c.text[lang] }));
}

/** The guiding questions of a characteristic, sub-questions indented, in reading order. */
export function questionOptions(characteristic: Characteristic, lang: Locale): QuestionOption[] {
  const out: QuestionOption[] = [];
  const walk = (questions: readonly GuidingQuestion[], depth: number) => {
    for (const q of questions) {
      out.push({ key: q.key, text: q.text[lang], depth });
      walk(q.subQuestions, depth + 1);
    }
  };
  walk(characteristic.questions, 0);
  return out;
}

function questionText(characteristic: Characteristic, key: string, lang: Locale): string | undefined {
  return flattenQuestions(characteristic.questions).find((q) => q.key === key)?.text[lang];
}

/**
 * The framework texts an evidence page shows for one item: the criteria of its characteristic, the
 * ones a revision claims, and the guiding question a narrative answers.
 */
export function evidenceTexts(characteristic: Characteristic, kind: string, lang: Locale, levelLabel: (level: string) => string) {
  const criteria = criterionOptions(characteristic, lang, levelLabel);
  return {
    criteria,
    criteriaOf: (keys: readonly string[]) => criteria.filter((c) => keys.includes(c.key)),
    narrativeQuestion: (payload: unknown) =>
      kind === "narrative" ? questionText(characteristic, (payload as { questionKey: string }).questionKey, lang) : undefined,
  };
}
