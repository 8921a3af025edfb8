import "server-only";
import { getTranslations } from "next-intl/server";
import { characteristicOptions } from "@/app/_lib/framework-options";
import type { IndicatorOption } from "@/components/kpis/kpi-form";
import { INDICATOR_CATALOGUE, KPI_THEME_NAMES, KPI_THEMES } from "@/server/kpis/indicator-catalogue";
import { currentFramework } from "@/server/scoring/framework-registry";

/** The catalogue, its themes and the characteristics, in the reader's language, for the KPI form. */
export async function kpiFormOptions(lang: "en" | "zh") {
  const t = await getTranslations("kpis");
  const indicators: IndicatorOption[] = INDICATOR_CATALOGUE.indicators.map((i) => ({
    key: i.key,
    theme: i.theme,
    name: i.name[lang],
    hint: t("form.indicatorHint", { unit: i.unit, direction: t(`directions.${i.direction}`), standard: i.standard, clause: i.clause }),
  }));
  return {
    indicators,
    themes: KPI_THEMES.map((key) => ({ key, name: KPI_THEME_NAMES[key][lang] })),
    characteristics: characteristicOptions(currentFramework().characteristics, lang),
  };
}
