import { getLocale, getTranslations } from "next-intl/server";
import { currentFramework } from "@/server/scoring/framework-registry";
import { FIGURE3_COLUMNS, type LevelOrNotAssessed, MATURITY_LEVELS } from "@/shared/domain-values";

export type PublicLabels = Awaited<ReturnType<typeof getPublicLabels>>;

/** Localized names of levels and characteristics for the public pages (server components). */
export async function getPublicLabels() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("public.levels")]);
  const lang: "en" | "zh" = locale === "zh" ? "zh" : "en";
  const framework = currentFramework();
  const level = Object.fromEntries(FIGURE3_COLUMNS.map((l) => [l, t(l)])) as Record<LevelOrNotAssessed, string>;
  const characteristics = framework.characteristics.map((c) => ({ key: c.key as string, label: c.name[lang], rateable: c.rateable }));
  const nameOf = new Map(characteristics.map((c) => [c.key, c.label]));
  return {
    lang,
    level,
    /** Ladder values 0..4 to names, for chart ticks and tooltips. */
    ladder: MATURITY_LEVELS.map((l) => level[l]) as [string, string, string, string, string],
    characteristics,
    rateable: characteristics.filter((c) => c.rateable),
    characteristic: (key: string) => nameOf.get(key) ?? key,
  };
}
