import { getFormatter, getTranslations } from "next-intl/server";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { Card } from "@/components/ui/card";
import { Alert, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { IndicatorBenchmarkResult } from "@/server/public/public-kpi-schemas";
import { KpiBenchmarkFigure } from "./public-kpi-figures";

type Distribution = NonNullable<IndicatorBenchmarkResult["distribution"]>;

/** The cross-city benchmark of one catalogue indicator: distribution, chart with the highlighted city, per-capita view, table. */
export async function PublicKpiBenchmarkView({ data, citySlug }: { data: IndicatorBenchmarkResult; citySlug: string | null }) {
  const [t, tKpis, format] = await Promise.all([getTranslations("kpis-public.benchmark"), getTranslations("kpis-public"), getFormatter()]);
  const number = (v: number) => format.number(v, { maximumFractionDigits: 2 });
  const { indicator } = data;
  const highlightedRow = data.cities.find((c) => c.highlighted);
  const csvHref = `/api/v1/kpis/${indicator.key}/benchmark?format=csv${citySlug ? `&city=${citySlug}` : ""}`;

  const distributionList = (d: Distribution, testId: string) => (
    <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-6" data-testid={testId}>
      {(
        [
          ["count", d.count],
          ["min", d.min],
          ["q1", d.q1],
          ["median", d.median],
          ["q3", d.q3],
          ["max", d.max],
        ] as const
      ).map(([key, value]) => (
        <div key={key}>
          <dt className="text-xs text-slate-600">{t(key)}</dt>
          <dd className="font-medium tabular-nums">{number(value)}</dd>
        </div>
      ))}
    </dl>
  );

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1>{t("title", { indicator: indicator.name })}</h1>
        <p className="text-sm text-slate-700">{indicator.definition}</p>
        <p className="text-xs text-slate-600">
          {t("standard", {
            standard: indicator.standard,
            clause: indicator.clause,
            unit: indicator.unit,
            direction: tKpis(`direction.${indicator.direction}`),
          })}
        </p>
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {citySlug && highlightedRow ? (
          <Alert tone="info">
            <span data-testid="highlighted-city">
              {t("highlighted", {
                city: highlightedRow.localizedName,
                value: number(highlightedRow.value),
                unit: indicator.unit,
                percentile: format.number(highlightedRow.percentile, { maximumFractionDigits: 0 }),
                count: data.cities.length,
              })}
            </span>{" "}
            <Link href={`/cities/${highlightedRow.slug}/kpis`} className="underline">
              {tKpis("cityPage.back", { city: highlightedRow.localizedName })}
            </Link>
          </Alert>
        ) : citySlug ? (
          <Alert tone="info">{t("notPublished", { city: citySlug })}</Alert>
        ) : null}
      </div>

      {data.cities.length === 0 || !data.distribution ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <>
          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t("distributionTitle")}</h2>
            {distributionList(data.distribution, "kpi-distribution")}
          </Card>
          <Card className="space-y-3">
            <h2 className="text-lg font-semibold">{t("chartTitle")}</h2>
            <KpiBenchmarkFigure
              rows={data.cities.map((c) => ({ label: c.localizedName, value: c.value, highlighted: c.highlighted }))}
              median={data.distribution.median}
              medianLabel={t("medianLine")}
              valueLabel={t("colValue", { unit: indicator.unit })}
              ariaLabel={t("chartLabel", { indicator: indicator.name })}
            />
          </Card>
          {data.perCapita ? (
            <Card className="space-y-3" data-testid="kpi-per-capita">
              <h2 className="text-lg font-semibold">{t("perCapitaTitle")}</h2>
              <p className="text-sm text-slate-700">{t("perCapitaNote", { excluded: data.perCapita.excludedForMissingPopulation })}</p>
              {data.perCapita.distribution ? distributionList(data.perCapita.distribution, "kpi-per-capita-distribution") : null}
            </Card>
          ) : null}
          <Card className="space-y-3">
            <ScrollingTable label={t("tableCaption", { indicator: indicator.name })}>
              <table className="min-w-full text-left text-sm" data-testid="kpi-benchmark-table">
                <caption className="sr-only">{t("tableCaption", { indicator: indicator.name })}</caption>
                <thead className="border-b border-slate-200 text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-4">
                      {t("colCity")}
                    </th>
                    <th scope="col" className="py-1 pr-4 text-right">
                      {t("colValue", { unit: indicator.unit })}
                    </th>
                    <th scope="col" className="py-1 pr-4">
                      {t("colMeasured")}
                    </th>
                    <th scope="col" className="py-1 pr-4 text-right">
                      {t("colPercentile")}
                    </th>
                    {data.perCapita ? (
                      <th scope="col" className="py-1 text-right">
                        {t("colPerCapita")}
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.cities.map((c) => (
                    <tr key={c.slug} className={c.highlighted ? "bg-brand-50 font-semibold" : undefined} data-city={c.slug}>
                      <th scope="row" className="py-1 pr-4 font-normal">
                        <Link href={`/cities/${c.slug}/kpis`}>
                          {c.localizedName}
                          {c.highlighted ? <span className="sr-only"> ({t("you")})</span> : null}
                        </Link>
                      </th>
                      <td className="py-1 pr-4 text-right tabular-nums">{number(c.value)}</td>
                      <td className="py-1 pr-4">{c.measuredOn}</td>
                      <td className="py-1 pr-4 text-right tabular-nums">{format.number(c.percentile, { maximumFractionDigits: 0 })}</td>
                      {data.perCapita ? (
                        <td className="py-1 text-right tabular-nums" data-testid="per-capita-cell">
                          {c.perCapitaValue === null ? tKpis("populationMissing") : number(c.perCapitaValue)}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollingTable>
            <CsvDownloadLink href={csvHref} label={tKpis("downloadCsv")} />
          </Card>
        </>
      )}
    </div>
  );
}
