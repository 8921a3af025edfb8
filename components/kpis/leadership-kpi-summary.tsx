import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { KpiStatusBadge } from "./kpi-status-badge";

const SHOWN = 5;

/** The leadership dashboard's KPI card: the register's worst KPIs first (off track, at risk, overdue). */
export async function LeadershipKpiSummary({ cityId, citySlug }: { cityId: string; citySlug: string }) {
  const [t, locale, caller] = await Promise.all([getTranslations("kpis"), getLocale(), getServerCaller()]);
  const lang = locale === "zh" ? "zh" : "en";
  const { items } = await caller.kpis.list({ cityId });
  const attention = items.filter((k) => k.status === "off_track" || k.status === "at_risk" || k.overdue);
  return (
    <Card>
      <section aria-labelledby="leadership-kpis" className="space-y-3" data-testid="leadership-kpis">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="leadership-kpis" className="text-base font-semibold">
            {`${t("leadership.title")} · ${t("leadership.attention")}`}
          </h2>
          <Link href={`/kpis?city=${encodeURIComponent(citySlug)}`} className="text-sm">
            {t("leadership.open")}
          </Link>
        </div>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : attention.length === 0 ? (
          <p className="text-sm text-slate-600">{t("leadership.allOnTrack")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {attention.slice(0, SHOWN).map((kpi) => (
              <li key={kpi.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/kpis/register/${kpi.id}`} className="min-w-0 break-words text-sm">
                  {kpi.name[lang]}
                </Link>
                <KpiStatusBadge status={kpi.status} overdue={kpi.overdue} />
              </li>
            ))}
          </ul>
        )}
        <p className="text-xs text-slate-500">
          {t("atRiskCount", { count: items.filter((k) => k.status === "at_risk" || k.status === "off_track").length })}
        </p>
      </section>
    </Card>
  );
}
