import { getTranslations } from "next-intl/server";
import { RadarFigure } from "@/components/charts/upgradeable-charts";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { IllustrativeNotice } from "@/components/public/illustrative-notice";
import { LevelBadge } from "@/components/public/level-badge";
import { getPublicLabels } from "@/components/public/public-labels";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { allParams, type SearchParams, toQueryString } from "@/components/public/search-params";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, EmptyState } from "@/components/ui/states";
import { asLocale } from "@/i18n/locales";
import { loadPublicCities, loadPublicComparison } from "@/server/public/public-page-data";
import { type Comparison, cityListQuerySchema, compareQuerySchema } from "@/server/public/public-schemas";
import { REGIONS } from "@/shared/domain-values";

const MAX_CITIES = 6;

/** The comparison of the chosen cities (from the query, see server/http/public-page-query.ts). */
export async function CompareView({ params, locale }: { params: SearchParams; locale: string }) {
  const chosen = [...new Set(allParams(params, "city"))];
  const [t, tPublic, tRegions, labels] = await Promise.all([
    getTranslations("public.compare"),
    getTranslations("public"),
    getTranslations("common.regions"),
    getPublicLabels(),
  ]);
  // The choice: every city with a published assessment (the list is one page of up to 200).
  const candidates = (await loadPublicCities(cityListQuerySchema.parse({ limit: 200 }), asLocale(locale))).items.filter(
    (c) => c.latestAssessment,
  );

  let comparison: Comparison | null = null;
  let problem: string | null = null;
  if (chosen.length > MAX_CITIES) problem = t("tooMany");
  else if (chosen.length > 0 && chosen.length < 2) problem = t("chooseMore");
  else if (chosen.length >= 2) {
    const parsed = compareQuerySchema.safeParse({ city: chosen });
    if (!parsed.success) problem = t("unknownCity");
    else {
      comparison = await loadPublicComparison(parsed.data, asLocale(locale));
      if (!comparison) problem = t("unknownCity");
    }
  }
  const compared = comparison?.cities ?? [];
  const cityNames = compared.map((c) => c.city.localizedName);

  return (
    <div className="space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </div>

      {candidates.length === 0 ? (
        <EmptyState title={t("noCities")} />
      ) : (
        <Card>
          <form method="get" action={`/${locale}/compare`} className="space-y-4">
            <fieldset>
              <legend className="text-sm font-semibold text-slate-900">{t("chooseLegend")}</legend>
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                {REGIONS.map((region) => {
                  const inRegion = candidates.filter((c) => c.region === region);
                  if (inRegion.length === 0) return null;
                  return (
                    <div key={region}>
                      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{tRegions(region)}</p>
                      <ul className="grid gap-1 sm:grid-cols-2">
                        {inRegion.map((c) => (
                          <li key={c.slug}>
                            <label className="flex items-center gap-2 text-sm text-slate-800">
                              <input
                                type="checkbox"
                                name="city"
                                value={c.slug}
                                defaultChecked={chosen.includes(c.slug)}
                                className="h-4 w-4 accent-brand-600"
                              />
                              {c.localizedName}
                            </label>
                          </li>
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </div>
            </fieldset>
            <Button type="submit">{t("submit")}</Button>
          </form>
        </Card>
      )}

      {problem ? <Alert tone="warning">{problem}</Alert> : null}

      {compared.length >= 2 ? (
        <Card aria-labelledby="comparison-title" data-testid="comparison">
          <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
            <h2 id="comparison-title">{cityNames.join(" · ")}</h2>
            <CsvDownloadLink
              href={`/api/v1/assessments${toQueryString({ city: compared.map((c) => c.city.slug).join(","), latest: "true", format: "csv" })}`}
              label={tPublic("downloadCsv")}
            />
          </div>
          {compared.some((c) => c.assessment?.illustrative) ? (
            <div className="mb-4">
              <IllustrativeNotice />
            </div>
          ) : null}
          <RadarFigure
            series={compared.map((c) => ({ label: c.city.localizedName, levels: c.assessment?.levels ?? {} }))}
            axes={labels.rateable}
            levelLabels={labels.ladder}
            ariaLabel={t("radarLabel", { cities: cityNames.join(", ") })}
          />
          <ScrollingTable className="mt-4" label={t("tableCaption")}>
            <table className="w-full text-left text-sm" data-testid="compare-table">
              <caption className="mb-2 text-left text-sm font-medium text-slate-700">{t("tableCaption")}</caption>
              <thead className="border-b border-slate-200 text-xs text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-semibold">
                    {tPublic("city.colCharacteristic")}
                  </th>
                  {compared.map((c) => (
                    <th key={c.city.slug} scope="col" className="py-2 pr-3 font-semibold">
                      {c.city.localizedName}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                <tr>
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                    {t("cycleRow")}
                  </th>
                  {compared.map((c) => (
                    <td key={c.city.slug} className="py-2 pr-3 text-slate-700">
                      {c.assessment?.cycle ?? t("noAssessment")}
                    </td>
                  ))}
                </tr>
                {labels.characteristics.map((ch) => (
                  <tr key={ch.key}>
                    <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                      {ch.label}
                    </th>
                    {compared.map((c) => {
                      const level = c.assessment?.levels[ch.key as keyof NonNullable<typeof c.assessment>["levels"]] ?? "not_assessed";
                      return (
                        <td key={c.city.slug} className="py-2 pr-3">
                          <LevelBadge level={level} label={labels.level[level]} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollingTable>
        </Card>
      ) : null}
    </div>
  );
}
