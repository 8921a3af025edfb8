import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/states";
import type { KpiStatus } from "@/shared/kpi-values";

const TONE: Record<KpiStatus, "green" | "amber" | "red" | "slate"> = {
  on_track: "green",
  at_risk: "amber",
  off_track: "red",
  no_data: "slate",
};

/** The status in words and colour (the colour is never the only signal), plus "overdue" when it is. */
export function KpiStatusBadge({ status, overdue }: { status: KpiStatus; overdue: boolean }) {
  const t = useTranslations("kpis");
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="kpi-status">
      <Badge tone={TONE[status]}>{t(`status.${status}`)}</Badge>
      {overdue ? <Badge tone="amber">{t("overdue")}</Badge> : null}
    </span>
  );
}

/** A number as people read it in the locale: grouped digits, at most three decimals. */
export function formatKpiValue(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}
