"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { type KpiDefinitionInput, kpiDefinitionSchema } from "@/server/kpis/kpi-schemas";
import { KPI_DIRECTIONS, KPI_UNIT_FAMILIES } from "@/shared/kpi-values";

export type IndicatorOption = { key: string; theme: string; name: string; hint: string };

const FIELDS = [
  "indicatorKey",
  "customNameEn",
  "customNameZh",
  "customDefinitionEn",
  "customDefinitionZh",
  "unit",
  "unitFamily",
  "direction",
  "baselineValue",
  "baselineYear",
  "targetValue",
  "targetYear",
  "ownerId",
  "frequencyMonths",
  "characteristicKeys",
  "objectives",
] as const;

type Target = { mode: "create"; cityId: string } | { mode: "edit"; kpiId: string; version: number };

/** Define or change a register entry: a catalogue or custom indicator, baseline, target, owner. */
export function KpiForm({
  target,
  initial,
  indicators,
  themes,
  owners,
  characteristics,
}: {
  target: Target;
  initial?: KpiDefinitionInput;
  indicators: IndicatorOption[];
  themes: { key: string; name: string }[];
  owners: { userId: string; name: string }[];
  characteristics: { key: string; name: string }[];
}) {
  const t = useTranslations("kpis.form");
  const tk = useTranslations("kpis");
  const trpc = useTRPC();
  const router = useRouter();
  const legendId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [objectives, setObjectives] = useState((initial?.objectives ?? []).join("\n"));
  const create = useMutation(trpc.kpis.create.mutationOptions());
  const update = useMutation(trpc.kpis.update.mutationOptions());
  const form = useForm<KpiDefinitionInput>({
    resolver: zodResolver(kpiDefinitionSchema),
    defaultValues: initial ?? {
      isCustom: false,
      indicatorKey: "",
      baselineYear: new Date().getFullYear() - 1,
      targetYear: new Date().getFullYear() + 5,
      ownerId: owners[0]?.userId ?? "",
      frequencyMonths: 12,
      characteristicKeys: [],
      isPublic: false,
    },
  });
  const isCustom = form.watch("isCustom");
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const kpi = {
      ...values,
      indicatorKey: values.indicatorKey || undefined,
      objectives: objectives
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    };
    try {
      if (target.mode === "create") {
        const created = await create.mutateAsync({ cityId: target.cityId, kpi });
        toast.success(t("created"));
        router.push(`/kpis/register/${created.id}`);
      } else {
        await update.mutateAsync({ kpiId: target.kpiId, version: target.version, kpi });
        toast.success(t("updated"));
        router.push(`/kpis/register/${target.kpiId}`);
      }
      router.refresh();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, FIELDS));
    }
  });
  const errors = form.formState.errors;
  const indicatorSelect = (label: string, allowNone: boolean) => (
    <SelectField label={label} error={errors.indicatorKey?.message} {...form.register("indicatorKey")}>
      <option value="">{allowNone ? t("noMapping") : t("chooseIndicator")}</option>
      {themes.map((theme) => (
        <optgroup key={theme.key} label={theme.name}>
          {indicators
            .filter((i) => i.theme === theme.key)
            .map((i) => (
              <option key={i.key} value={i.key}>
                {`${i.name} — ${i.hint}`}
              </option>
            ))}
        </optgroup>
      ))}
    </SelectField>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="kpi-form">
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("source")}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" checked={!isCustom} onChange={() => form.setValue("isCustom", false)} name="kpi-source" />
            {t("fromCatalogue")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" checked={Boolean(isCustom)} onChange={() => form.setValue("isCustom", true)} name="kpi-source" />
            {t("customIndicator")}
          </label>
        </div>
      </fieldset>
      {!isCustom ? (
        indicatorSelect(t("indicator"), false)
      ) : (
        <div className="space-y-4 rounded-lg border border-slate-200 p-3">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("nameEn")} error={errors.customNameEn?.message} {...form.register("customNameEn")} />
            <TextField label={t("nameZh")} error={errors.customNameZh?.message} {...form.register("customNameZh")} />
            <TextAreaField
              label={t("definitionEn")}
              rows={2}
              error={errors.customDefinitionEn?.message}
              {...form.register("customDefinitionEn")}
            />
            <TextAreaField
              label={t("definitionZh")}
              rows={2}
              error={errors.customDefinitionZh?.message}
              {...form.register("customDefinitionZh")}
            />
            <TextField label={t("unit")} hint={t("unitHint")} error={errors.unit?.message} {...form.register("unit")} />
            <SelectField label={t("unitFamily")} error={errors.unitFamily?.message} {...form.register("unitFamily")}>
              <option value="" />
              {KPI_UNIT_FAMILIES.map((family) => (
                <option key={family} value={family}>
                  {tk(`unitFamilies.${family}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("direction")} error={errors.direction?.message} {...form.register("direction")}>
              <option value="" />
              {KPI_DIRECTIONS.map((direction) => (
                <option key={direction} value={direction}>
                  {tk(`directions.${direction}`)}
                </option>
              ))}
            </SelectField>
          </div>
          {indicatorSelect(t("mapping"), true)}
          <p className="text-xs text-slate-500">{t("mappingHint")}</p>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("baselineValue")}
          inputMode="decimal"
          error={errors.baselineValue?.message}
          {...form.register("baselineValue")}
        />
        <TextField label={t("baselineYear")} inputMode="numeric" error={errors.baselineYear?.message} {...form.register("baselineYear")} />
        <TextField label={t("targetValue")} inputMode="decimal" error={errors.targetValue?.message} {...form.register("targetValue")} />
        <TextField label={t("targetYear")} inputMode="numeric" error={errors.targetYear?.message} {...form.register("targetYear")} />
        <SelectField label={t("owner")} hint={t("ownerHint")} error={errors.ownerId?.message} {...form.register("ownerId")}>
          {owners.map((o) => (
            <option key={o.userId} value={o.userId}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("frequency")}
          inputMode="numeric"
          error={errors.frequencyMonths?.message}
          {...form.register("frequencyMonths")}
        />
      </div>
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId} className="text-sm font-medium text-slate-800">
          {t("characteristics")}
        </legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {characteristics.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={c.key} {...form.register("characteristicKeys")} />
              {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        label={t("objectives")}
        hint={t("objectivesHint")}
        rows={3}
        value={objectives}
        onChange={(e) => setObjectives(e.target.value)}
        error={errors.objectives?.message}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("isPublic")} />
        {t("isPublic")}
      </label>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
