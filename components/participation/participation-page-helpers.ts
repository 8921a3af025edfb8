import "server-only";
import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import type { Characteristic } from "@/server/scoring/framework-types";
import { currentFramework, getFramework } from "@/server/scoring/framework-registry";

/** The framework edition an assessment was opened on (the current one if it is unknown). */
export function frameworkOf(assessment: { frameworkKey: string; frameworkVersion: string }) {
  return getFramework(assessment.frameworkKey, assessment.frameworkVersion) ?? currentFramework();
}

export async function pageLang(): Promise<"en" | "zh"> {
  return (await getLocale()) === "zh" ? "zh" : "en";
}

/** Characteristic names in the page's language, in framework order, limited to `keys` if given. */
export function characteristicOptions(characteristics: readonly Characteristic[], lang: "en" | "zh", keys?: readonly string[]) {
  return characteristics.filter((c) => !keys || keys.includes(c.key)).map((c) => ({ key: c.key as string, name: c.name[lang] }));
}

/**
 * Server pages call procedures directly: a refusal becomes the matching page (sign in, not found)
 * instead of an error screen. FORBIDDEN is returned for the page to explain.
 */
export async function callOrPage<T>(promise: Promise<T>, signInPath: string): Promise<T | "forbidden"> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") redirect(`/sign-in?callbackUrl=${encodeURIComponent(signInPath)}`);
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
      if (error.code === "FORBIDDEN") return "forbidden";
    }
    throw error;
  }
}
