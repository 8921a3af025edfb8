"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card } from "@/components/ui/card";
import { Alert, LoadingState } from "@/components/ui/states";

const COUNTS = ["total", "withTargets", "catalogue", "public", "measured"] as const;

/**
 * Beside the Smart City Strategy's KPI criteria (Average, More Advanced, State-of-the-Art): what the
 * city's KPI register holds, as supporting information. It never sets a judgement; the expert judges.
 * Renders nothing for the other characteristics.
 */
export function KpiRegisterSummaryCard({
  assessmentId,
  characteristicKey,
  criterionLabels,
}: {
  assessmentId: string;
  characteristicKey: string;
  criterionLabels: Record<string, string>;
}) {
  const t = useTranslations("kpis-public.review");
  const trpc = useTRPC();
  const isStrategy = characteristicKey === "smart_city_strategy";
  const query = useQuery({ ...trpc.kpiBenchmarks.registerSummary.queryOptions({ assessmentId }), enabled: isStrategy });
  if (!isStrategy) return null;
  if (query.isPending) return <LoadingState label={t("loading")} />;
  if (query.isError) return <Alert>{query.error.message}</Alert>;
  const { summary, criterionKeys } = query.data;
  return (
    <Card data-testid="kpi-register-summary">
      <h3 className="mb-1 font-semibold">{t("title")}</h3>
      <p className="mb-3 text-xs text-slate-600">
        {t("intro", { criteria: criterionKeys.map((k) => criterionLabels[k] ?? k).join("; ") })}
      </p>
      <dl className="space-y-1 text-sm">
        {COUNTS.map((key) => (
          <div key={key} className="flex items-center justify-between gap-2">
            <dt>{t(key)}</dt>
            <dd className="font-medium tabular-nums" data-testid={`kpi-summary-${key}`}>
              {summary[key]}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
