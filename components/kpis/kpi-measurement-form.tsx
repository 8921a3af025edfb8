"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { type AddMeasurementInput, addMeasurementSchema } from "@/server/kpis/kpi-schemas";

const FIELDS = ["measuredOn", "value", "unit", "note"] as const;

/** The owner (or leadership) enters one value; the page reloads with the new status. */
export function KpiMeasurementForm({ kpiId, unit }: { kpiId: string; unit: string }) {
  const t = useTranslations("kpis.measure");
  const tStatus = useTranslations("kpis.status");
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const add = useMutation(trpc.kpis.addMeasurement.mutationOptions());
  const form = useForm<AddMeasurementInput>({
    resolver: zodResolver(addMeasurementSchema),
    defaultValues: { measuredOn: String(new Date().getFullYear() - 1), unit },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const kpi = await add.mutateAsync({ kpiId, ...values });
      toast.success(t("saved", { status: tStatus(kpi.status) }));
      form.reset({ measuredOn: values.measuredOn, unit, value: "" as never, note: "" });
      router.refresh();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, FIELDS));
    }
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="kpi-measurement-form">
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={t("period")} hint={t("periodHint")} error={errors.measuredOn?.message} {...form.register("measuredOn")} />
        <TextField label={t("value")} inputMode="decimal" error={errors.value?.message} {...form.register("value")} />
        <TextField label={t("unit")} hint={t("unitHint")} error={errors.unit?.message} {...form.register("unit")} />
      </div>
      <TextField label={t("note")} error={errors.note?.message} {...form.register("note")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
