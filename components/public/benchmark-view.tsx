import { getFormatter, getTranslations } from "next-intl/server";
import { levelBackground } from "@/components/charts/level-palette";
import { BenchmarkBarsFigure } from "@/components/charts/upgradeable-charts";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { Figure3Table } from "@/components/public/figure3-table";
import { IllustrativeNotice } from "@/components/public/illustrative-notice";
import { LevelLegend } from "@/components/public/level-legend";
import { getPublicLabels } from "@/components/public/public-labels";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { firstParam, type SearchParams, toQueryString } from "@/components/public/search-params";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/form-field";
import { Alert, EmptyState } from "@/components/ui/states";
import { loadPublicBenchmark } from "@/server/public/public-page-data";
import { benchmarkQuerySchema } from "@/server/public/public-schemas";
import { FIGURE3_COLUMNS, REGIONS } from "@/shared/domain-values";

/** The benchmark with its filters (from the query, see server/http/public-page-query.ts). */
export async function BenchmarkView({ params, locale }: { params: SearchParams; locale: string }) {
  const filters = { cycle: firstParam(params, "cycle"), region: firstParam(params, "region") };
  const [t, tPublic, tRegions, labels, format] = await Promise.all([
    getTranslations("public.benchmark"),
    getTranslations("public"),
    getTranslations("common.regions"),
    getPublicLabels(),
    getFormatter(),
  ]);
  const percent = (share: number) => format.number(share / 100, { style: "percent", maximumFractionDigits: 0 });
  const parsed = benchmarkQuerySchema.safeParse(filters);
  const benchmark = parsed.success ? await loadPublicBenchmark(parsed.data) : null;
  const regionName = (region: string) => ((REGIONS as readonly string[]).includes(region) ? tRegions(region as "EU") : region);

  return (
    <div className="space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </div>

      <Card>
        <form
          method="get"
          action={`/${locale}/benchmark`}
          aria-label={t("filtersLabel")}
          className="grid gap-4 sm:grid-cols-3 sm:items-end"
        >
          <SelectField label={t("cycle")} name="cycle" defaultValue={filters.cycle ?? ""}>
            <option value="">{t("latestCycles")}</option>
            {(benchmark?.cycles ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("region")} name="region" defaultValue={filters.region ?? ""}>
            <option value="">{t("allRegions")}</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {tRegions(r)}
              </option>
            ))}
          </SelectField>
          <div>
            <Button type="submit">{t("apply")}</Button>
          </div>
        </form>
      </Card>

      {!parsed.success ? (
        <Alert>{parsed.error.issues.map((i) => i.message).join(" ")}</Alert>
      ) : !benchmark || benchmark.groups.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700" data-testid="benchmark-summary">
              {t("summary", { count: benchmark.assessmentCount, version: benchmark.frameworkVersion })}
            </p>
            <CsvDownloadLink href={`/api/v1/benchmark${toQueryString({ ...filters, format: "csv" })}`} label={t("downloadCsv")} />
          </div>
          {benchmark.illustrativeCount > 0 ? (
            <div className="space-y-2">
              <IllustrativeNotice />
              <p className="text-xs text-slate-600">{t("figure3Note")}</p>
            </div>
          ) : null}
          <LevelLegend title={tPublic("legendTitle")} levelLabels={labels.level} />
          {benchmark.figure3 ? <Figure3Table figure3={benchmark.figure3} labels={labels} regionName={regionName} /> : null}
          {benchmark.groups.map((group) => {
            const region = regionName(group.group);
            const headingId = `region-${group.group}`;
            return (
              <Card key={group.group} aria-labelledby={headingId} data-region={group.group} data-testid="benchmark-region">
                <h2 id={headingId} className="mb-4">
                  {t("regionTitle", { region, count: group.cityCount })}
                </h2>
                <BenchmarkBarsFigure
                  rows={group.rows
                    .filter((r) => r.status === "assessed")
                    .map((r) => ({ label: labels.characteristic(r.characteristicKey), shares: r.shares }))}
                  unrated={group.rows
                    .filter((r) => r.status === "no_maturity_criteria")
                    .map((r) => ({
                      key: r.characteristicKey,
                      label: labels.characteristic(r.characteristicKey),
                      text: t("noMaturityCriteria"),
                    }))}
                  levelLabels={labels.level}
                  ariaLabel={t("chartLabel", { region })}
                />
                <ScrollingTable className="mt-4" label={t("tableCaption", { region })}>
                  <table className="w-full min-w-[40rem] text-left text-sm" data-testid="benchmark-table">
                    <caption className="mb-2 text-left text-sm font-medium text-slate-700">{t("tableCaption", { region })}</caption>
                    <thead className="border-b border-slate-200 text-xs text-slate-700">
                      <tr>
                        <th scope="col" className="py-2 pr-3 font-semibold">
                          {tPublic("city.colCharacteristic")}
                        </th>
                        {FIGURE3_COLUMNS.map((level) => (
                          <th key={level} scope="col" className="py-2 pr-3 font-semibold">
                            <span className="inline-flex items-center gap-1.5">
                              <span
                                aria-hidden
                                className="inline-block h-2.5 w-2.5 rounded-sm ring-1 ring-inset ring-black/10"
                                style={{ background: levelBackground(level) }}
                              />
                              {labels.level[level]}
                            </span>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {group.rows.map((row) => (
                        <tr key={row.characteristicKey} data-characteristic={row.characteristicKey} data-status={row.status}>
                          <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                            {labels.characteristic(row.characteristicKey)}
                          </th>
                          {row.status === "no_maturity_criteria" ? (
                            <td colSpan={FIGURE3_COLUMNS.length} className="py-2 pr-3 text-slate-700" data-testid="no-maturity-criteria">
                              {t("noMaturityCriteria")}
                            </td>
                          ) : (
                            FIGURE3_COLUMNS.map((level) => (
                              <td
                                key={level}
                                className="py-2 pr-3 tabular-nums"
                                data-level={level}
                                data-count={row.counts[level]}
                                data-share={row.shares[level]}
                              >
                                {row.counts[level] > 0 ? (
                                  <>
                                    {percent(row.shares[level])}{" "}
                                    <span className="text-slate-600">({format.number(row.counts[level])})</span>
                                  </>
                                ) : (
                                  <>
                                    <span aria-hidden className="text-slate-600">
                                      –
                                    </span>
                                    <span className="sr-only">{percent(0)}</span>
                                  </>
                                )}
                              </td>
                            ))
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollingTable>
              </Card>
            );
          })}
        </>
      )}
    </div>
  );
}
