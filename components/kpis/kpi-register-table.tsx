import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import type { KpiStatus } from "@/shared/kpi-values";
import { formatKpiValue, KpiStatusBadge } from "./kpi-status-badge";

export type KpiRegisterItem = {
  id: string;
  name: { en: string; zh: string };
  indicatorKey: string | null;
  isCustom: boolean;
  isPublic: boolean;
  status: KpiStatus;
  overdue: boolean;
  unit: string;
  baselineValue: number;
  baselineYear: number;
  targetValue: number;
  targetYear: number;
  latestValue: number | null;
  latestMeasuredOn: string | null;
  ownerName: string;
};

/** The register, worst status first (the list procedure sorts it); a table that scrolls on a phone. */
export function KpiRegisterTable({ items, locale }: { items: KpiRegisterItem[]; locale: "en" | "zh" }) {
  const t = useTranslations("kpis");
  const value = (v: number, unit: string) => t("valueIn", { value: formatKpiValue(v, locale), unit });
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full min-w-[46rem] text-left text-sm" data-testid="kpi-register">
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("columns.kpi")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("columns.status")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("columns.latest")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("columns.baseline")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("columns.target")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("columns.owner")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("columns.reference")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((kpi) => (
            <tr key={kpi.id}>
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/kpis/register/${kpi.id}`}>{kpi.name[locale]}</Link>
                <span className="ml-2 inline-flex gap-1 text-xs font-normal text-slate-500">
                  {kpi.isCustom ? <span>{t("custom")}</span> : null}
                  {kpi.isPublic ? <span>{t("public")}</span> : null}
                </span>
              </th>
              <td className="px-3 py-2">
                <KpiStatusBadge status={kpi.status} overdue={kpi.overdue} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {kpi.latestValue !== null && kpi.latestMeasuredOn
                  ? `${value(kpi.latestValue, kpi.unit)} (${kpi.latestMeasuredOn})`
                  : t("none")}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{`${value(kpi.baselineValue, kpi.unit)} (${kpi.baselineYear})`}</td>
              <td className="px-3 py-2 whitespace-nowrap">{`${value(kpi.targetValue, kpi.unit)} (${kpi.targetYear})`}</td>
              <td className="px-3 py-2">{kpi.ownerName}</td>
              <td className="px-3 py-2">
                <code className="break-all text-xs">{kpi.indicatorKey ?? kpi.id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
