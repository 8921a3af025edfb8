import "server-only";
import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { flattenQuestions } from "@/server/assessments/assessment-framework";
import type { Characteristic, Framework, GuidingQuestion } from "@/server/scoring/framework-types";
import type { CriterionOption, QuestionOption } from "./evidence-form";

export type Lang = "en" | "zh";

export async function pageLang(): Promise<Lang> {
  return (await getLocale()) === "zh" ? "zh" : "en";
}

/**
 * Pages call procedures directly; a refusal becomes the page a visitor should see: sign in when
 * not signed in, "not found" for anything hidden or not permitted (the server already decided).
 */
export async function loadForPage<T>(promise: Promise<T>, signInPath: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") redirect(`/sign-in?callbackUrl=${encodeURIComponent(signInPath)}`);
      if (error.code === "NOT_FOUND" || error.code === "FORBIDDEN" || error.code === "BAD_REQUEST") notFound();
    }
    throw error;
  }
}

/** Criteria of a characteristic for forms and lists, in the reader's language, level by level. */
export function criterionOptions(characteristic: Characteristic, lang: Lang, levelLabel: (level: string) => string): CriterionOption[] {
  return characteristic.criteria.map((c) => ({ key: c.key, level: c.level, levelLabel: levelLabel(c.level), text: c.text[lang] }));
}

/** "Basic 1", "Average 2": short labels for the criteria an item claims. */
export function criterionShortLabels(framework: Framework, levelLabel: (level: string) => string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const characteristic of framework.characteristics) {
    for (const c of characteristic.criteria) labels[c.key] = `${levelLabel(c.level)} ${c.key.split(".").pop()}`;
  }
  return labels;
}

export function questionOptions(characteristic: Characteristic, lang: Lang): QuestionOption[] {
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

export function questionText(characteristic: Characteristic, key: string, lang: Lang): string | undefined {
  return flattenQuestions(characteristic.questions).find((q) => q.key === key)?.text[lang];
}
