import { getFormatter, getTranslations } from "next-intl/server";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { findIndicator } from "@/server/kpis/indicator-catalogue";
import type { PublicKpi } from "@/server/public/public-kpi-schemas";
import { KpiTrendFigure } from "./public-kpi-figures";

const STATUS_TONE = { on_track: "green", at_risk: "amber", off_track: "red", no_data: "slate" } as const;

/** One published KPI of a city: baseline, target, latest value, trend chart and the measurements as a table. */
export async function PublicKpiCard({ kpi, citySlug }: { kpi: PublicKpi; citySlug: string }) {
  const [t, tKpis, format] = await Promise.all([getTranslations("kpis-public.cityPage"), getTranslations("kpis-public"), getFormatter()]);
  const number = (v: number) => format.number(v, { maximumFractionDigits: 2 });
  const date = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const indicator = kpi.indicatorKey ? findIndicator(kpi.indicatorKey) : undefined;
  const points = [
    { label: String(kpi.baseline.year), value: kpi.baseline.value },
    // A year's value is dated 31 December: labelled by its year.
    ...kpi.measurements.map((m) => ({
      label: m.measuredOn.endsWith("-12-31") ? m.measuredOn.slice(0, 4) : m.measuredOn.slice(0, 7),
      value: m.value,
    })),
  ];
  return (
    <Card className="space-y-3" data-testid="public-kpi" data-indicator={kpi.indicatorKey ?? "custom"}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-lg font-semibold">{kpi.name}</h2>
          <p className="text-xs text-slate-600">
            {indicator ? t("catalogue", { standard: indicator.standard, clause: indicator.clause }) : t("custom")} ·{" "}
            {tKpis(`direction.${kpi.direction}`)}
          </p>
        </div>
        <Badge tone={STATUS_TONE[kpi.status]}>{tKpis(`status.${kpi.status}`)}</Badge>
      </div>
      {kpi.definition ? <p className="text-sm text-slate-700">{kpi.definition}</p> : null}
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-600">{t("baseline", { year: kpi.baseline.year })}</dt>
          <dd className="font-medium">
            {number(kpi.baseline.value)} {kpi.unit}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">{kpi.latest ? t("latest", { date: date(kpi.latest.measuredOn) }) : t("noMeasurement")}</dt>
          <dd className="font-medium" data-testid="kpi-latest">
            {kpi.latest ? `${number(kpi.latest.value)} ${kpi.unit}` : "—"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">{t("target", { year: kpi.target.year })}</dt>
          <dd className="font-medium">
            {number(kpi.target.value)} {kpi.unit}
          </dd>
        </div>
      </dl>
      {kpi.measurements.length > 0 ? (
        <KpiTrendFigure
          points={points}
          target={{ value: kpi.target.value, label: t("targetLine", { year: kpi.target.year }) }}
          valueLabel={t("colValue", { unit: kpi.unit })}
          ariaLabel={t("chartLabel", { name: kpi.name, target: number(kpi.target.value), unit: kpi.unit, year: kpi.target.year })}
        />
      ) : null}
      {kpi.measurements.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm">{t("showTable")}</summary>
          <ScrollingTable label={t("measurementsCaption", { name: kpi.name })}>
            <table className="mt-2 min-w-full text-left text-sm">
              <caption className="sr-only">{t("measurementsCaption", { name: kpi.name })}</caption>
              <thead className="border-b border-slate-200 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-4">
                    {t("colDate")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("colValue", { unit: kpi.unit })}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {kpi.measurements.map((m) => (
                  <tr key={m.measuredOn}>
                    <td className="py-1 pr-4">{date(m.measuredOn)}</td>
                    <td className="py-1 text-right tabular-nums">{number(m.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollingTable>
        </details>
      ) : null}
      {kpi.indicatorKey ? (
        <Link href={`/benchmark/kpis/${kpi.indicatorKey}/${citySlug}`} className="text-sm font-medium" data-testid="kpi-compare-link">
          {t("compare")} →
        </Link>
      ) : null}
    </Card>
  );
}
