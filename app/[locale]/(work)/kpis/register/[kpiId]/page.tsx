import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { characteristicOptions } from "@/app/_lib/framework-options";
import { loadForPage } from "@/app/_lib/page-errors";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { KpiArchiveButton } from "@/components/kpis/kpi-archive-button";
import { KpiMeasurementForm } from "@/components/kpis/kpi-measurement-form";
import { formatKpiValue, KpiStatusBadge } from "@/components/kpis/kpi-status-badge";
import { KpiTrendChart } from "@/components/kpis/kpi-trend-chart";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { currentFramework } from "@/server/scoring/framework-registry";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("kpis"))("title") };
}

export default async function KpiDetailPage({ params }: { params: Promise<{ kpiId: string }> }) {
  const { kpiId } = await params;
  const path = `/kpis/register/${kpiId}`;
  const viewer = await requireViewer(path);
  const [t, locale, caller] = await Promise.all([getTranslations("kpis"), getLocale(), getServerCaller()]);
  const lang = locale === "zh" ? "zh" : "en";
  const { kpi, ownerName, indicator, measurements } = await loadForPage(caller.kpis.get({ kpiId }), path);
  const membership = viewer.memberships.find((m) => m.cityId === kpi.cityId);
  const isLeadership = membership?.role === "leadership";
  const mayMeasure = isLeadership || (membership?.role === "department" && kpi.ownerId === viewer.id);
  const mayChange = isLeadership || (membership?.role === "department" && (kpi.ownerId === viewer.id || kpi.createdBy === viewer.id));
  const value = (v: number) => t("valueIn", { value: formatKpiValue(v, locale), unit: kpi.unit });
  const characteristics = characteristicOptions(currentFramework().characteristics, lang, kpi.characteristicKeys);
  const registerHref = membership ? `/kpis?city=${encodeURIComponent(membership.citySlug)}` : "/kpis";
  return (
    <div className="space-y-6">
      <div>
        <Link href={registerHref} className="text-sm">
          ← {t("form.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="break-words">{kpi.name[lang]}</h1>
            <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
              <KpiStatusBadge status={kpi.status} overdue={kpi.overdue} />
              <span>{t("detail.owner", { name: ownerName })}</span>
              {indicator ? <span>{t("detail.standard", { standard: indicator.standard, clause: indicator.clause })}</span> : null}
              <span>{t(`directions.${kpi.direction}`)}</span>
            </div>
          </div>
          {mayChange && !kpi.archivedAt ? (
            <div className="flex flex-wrap gap-2">
              <Button asChild variant="secondary">
                <Link href={`/kpis/register/${kpi.id}/edit`}>{t("detail.edit")}</Link>
              </Button>
              <KpiArchiveButton kpiId={kpi.id} version={kpi.version} registerHref={registerHref} />
            </div>
          ) : null}
        </div>
        {indicator ? <p className="mt-2 max-w-3xl text-sm text-slate-700">{indicator.definition[lang]}</p> : null}
        {kpi.customDefinition ? <p className="mt-2 max-w-3xl text-sm text-slate-700">{kpi.customDefinition[lang]}</p> : null}
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <dt className="text-xs uppercase text-slate-500">{t("detail.baseline")}</dt>
          <dd className="mt-1 text-lg font-semibold">{`${value(kpi.baselineValue)} (${kpi.baselineYear})`}</dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <dt className="text-xs uppercase text-slate-500">{t("detail.latest")}</dt>
          <dd className="mt-1 text-lg font-semibold">
            {kpi.latestValue !== null ? `${value(kpi.latestValue)} (${kpi.latestMeasuredOn})` : t("none")}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <dt className="text-xs uppercase text-slate-500">{t("detail.target")}</dt>
          <dd className="mt-1 text-lg font-semibold">{`${value(kpi.targetValue)} (${kpi.targetYear})`}</dd>
        </div>
      </dl>
      <Card>
        <KpiTrendChart
          baseline={{ year: kpi.baselineYear, value: kpi.baselineValue }}
          target={{ year: kpi.targetYear, value: kpi.targetValue }}
          measurements={measurements}
          unit={kpi.unit}
          labels={{ path: t("detail.path"), measured: t("detail.measured"), target: t("detail.target") }}
          ariaLabel={t("detail.chartLabel", {
            name: kpi.name[lang],
            baseline: value(kpi.baselineValue),
            baselineYear: kpi.baselineYear,
            target: value(kpi.targetValue),
            targetYear: kpi.targetYear,
            count: measurements.length,
          })}
        />
        <p className="mt-2 text-xs text-slate-500">{t("detail.rule")}</p>
      </Card>
      {mayMeasure && !kpi.archivedAt ? (
        <Card>
          <h2 className="mb-3 text-base font-semibold">{t("measure.title")}</h2>
          <KpiMeasurementForm kpiId={kpi.id} unit={kpi.unit} />
        </Card>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t("detail.measurements")}</h2>
        {measurements.length === 0 ? (
          <p className="text-sm text-slate-600">{t("detail.noMeasurements")}</p>
        ) : (
          <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full min-w-[32rem] text-left text-sm" data-testid="kpi-measurements">
              <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("detail.date")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("detail.value")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("detail.source")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("detail.enteredBy")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[...measurements].reverse().map((m) => (
                  <tr key={m.id}>
                    <td className="px-3 py-2 whitespace-nowrap">{m.measuredOn}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {value(m.value)}
                      {m.enteredUnit && m.enteredValue !== null ? (
                        <span className="ml-1 text-xs text-slate-500">{`(${formatKpiValue(m.enteredValue, locale)} ${m.enteredUnit})`}</span>
                      ) : null}
                      {m.note ? <span className="block text-xs text-slate-500">{m.note}</span> : null}
                    </td>
                    <td className="px-3 py-2">{t(`detail.sources.${m.source}`)}</td>
                    <td className="px-3 py-2">{m.enteredByName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {kpi.objectives.length > 0 || characteristics.length > 0 ? (
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          {kpi.objectives.length > 0 ? (
            <div>
              <dt className="font-medium">{t("detail.objectives")}</dt>
              <dd>
                <ul className="list-disc pl-5">
                  {kpi.objectives.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {characteristics.length > 0 ? (
            <div>
              <dt className="font-medium">{t("detail.characteristics")}</dt>
              <dd>{characteristics.map((c) => c.name).join(" · ")}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}
