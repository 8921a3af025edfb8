"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import type { SelectHTMLAttributes } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { SelectField } from "@/components/ui/form-field";

/**
 * The KPI evidence form's optional link to a register entry of the assessment's city. Shown only to
 * callers who may read the register (departments, leadership) and only when it has entries.
 */
export function KpiLinkSelect({
  assessmentId,
  error,
  ...select
}: { assessmentId: string; error?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const t = useTranslations("kpis.evidenceLink");
  const lang = useLocale() === "zh" ? "zh" : "en";
  const trpc = useTRPC();
  const linkable = useQuery({ ...trpc.kpis.linkable.queryOptions({ assessmentId }), retry: false });
  if (!linkable.data || linkable.data.length === 0) return null;
  return (
    <SelectField label={t("label")} hint={t("hint")} error={error} {...select}>
      <option value="">{t("none")}</option>
      {linkable.data.map((kpi) => (
        <option key={kpi.id} value={kpi.id}>
          {`${kpi.name[lang]} (${kpi.unit})`}
        </option>
      ))}
    </SelectField>
  );
}
