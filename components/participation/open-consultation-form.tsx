"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { openConsultationSchema } from "@/server/consultations/consultation-schemas";

type FormValues = z.input<typeof openConsultationSchema>;
const FIELDS = ["question", "summary", "characteristicKeys", "closesOn"] as const;

/** The leadership group's form: which draft, which characteristics, what to ask, until when. */
export function OpenConsultationForm({
  assessments,
  characteristics,
  defaultClosesOn,
}: {
  assessments: { assessmentId: string; label: string }[];
  characteristics: { key: string; name: string }[];
  defaultClosesOn: string;
}) {
  const t = useTranslations("participation.openForm");
  const trpc = useTRPC();
  const router = useRouter();
  const legendId = useId();
  const [assessmentId, setAssessmentId] = useState(assessments[0]?.assessmentId ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  const tToast = useTranslations("common.toast");
  const open = useMutation(trpc.consultations.open.mutationOptions());
  const form = useForm<FormValues>({
    resolver: zodResolver(openConsultationSchema),
    defaultValues: {
      question: "",
      summary: "",
      characteristicKeys: characteristics.map((c) => c.key) as FormValues["characteristicKeys"],
      closesOn: defaultClosesOn,
    },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { id } = await open.mutateAsync({ assessmentId, ...values });
      toast.success(tToast("consultationOpened"));
      router.push(`/consultations/${id}`);
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, FIELDS));
    }
  });
  const errors = form.formState.errors;
  const keysError = errors.characteristicKeys?.message ?? errors.characteristicKeys?.root?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert>{formError}</Alert> : null}
      <SelectField label={t("assessment")} value={assessmentId} onChange={(e) => setAssessmentId(e.target.value)}>
        {assessments.map((a) => (
          <option key={a.assessmentId} value={a.assessmentId}>
            {a.label}
          </option>
        ))}
      </SelectField>
      <TextField label={t("question")} hint={t("questionHint")} error={errors.question?.message} {...form.register("question")} />
      <TextAreaField label={t("summary")} hint={t("summaryHint")} rows={6} error={errors.summary?.message} {...form.register("summary")} />
      <fieldset aria-describedby={keysError ? `${legendId}-error` : undefined}>
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
        {keysError ? (
          <p id={`${legendId}-error`} role="alert" className="mt-1 text-sm text-red-700">
            {keysError}
          </p>
        ) : null}
      </fieldset>
      <TextField
        label={t("closesOn")}
        hint={t("closesOnHint")}
        type="date"
        error={errors.closesOn?.message}
        {...form.register("closesOn")}
      />
      <Button type="submit" disabled={form.formState.isSubmitting || !assessmentId}>
        {form.formState.isSubmitting ? t("opening") : t("submit")}
      </Button>
    </form>
  );
}
