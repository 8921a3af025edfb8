import { currentFramework, getFramework } from "@/server/scoring/framework-registry";
import type { Locale } from "@/server/scoring/framework-types";

/** The characteristics of an assessment's framework edition with their names in the reader's language. */
export function characteristicLabels(locale: string, framework?: { frameworkKey: string; frameworkVersion: string }) {
  const edition = (framework && getFramework(framework.frameworkKey, framework.frameworkVersion)) || currentFramework();
  const lang: Locale = locale === "zh" ? "zh" : "en";
  const list = edition.characteristics.map((c) => ({ key: c.key as string, name: c.name[lang], rateable: c.rateable }));
  return { list, names: Object.fromEntries(list.map((c) => [c.key, c.name])) as Record<string, string> };
}
