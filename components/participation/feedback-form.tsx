"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { feedbackFormSchema } from "@/server/consultations/consultation-schemas";

type FormValues = z.input<typeof feedbackFormSchema>;
const FIELDS = ["characteristicKey", "body", "rating", "suggestion"] as const;

/** A citizen's answer to a consultation: what they see, a 1–5 rating and a service they would like. */
export function FeedbackForm({
  consultationId,
  characteristics,
}: {
  consultationId: string;
  characteristics: { key: string; name: string }[];
}) {
  const t = useTranslations("participation.feedbackForm");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ratingLegendId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const tToast = useTranslations("common.toast");
  const submit = useMutation(trpc.consultations.submitFeedback.mutationOptions());
  const form = useForm<FormValues>({
    resolver: zodResolver(feedbackFormSchema),
    defaultValues: {
      characteristicKey: characteristics[0]?.key as FormValues["characteristicKey"],
      body: "",
      rating: null,
      suggestion: "",
    },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSent(false);
    try {
      await submit.mutateAsync({ consultationId, ...values });
      form.reset({ characteristicKey: values.characteristicKey, body: "", rating: null, suggestion: "" });
      setSent(true);
      toast.success(tToast("feedbackSubmitted"));
      await queryClient.invalidateQueries(trpc.consultations.feedback.pathFilter());
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, FIELDS));
    }
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      {formError ? <Alert>{formError}</Alert> : null}
      {sent ? <Alert tone="success">{t("thanks")}</Alert> : null}
      <SelectField label={t("characteristic")} error={errors.characteristicKey?.message} {...form.register("characteristicKey")}>
        {characteristics.map((c) => (
          <option key={c.key} value={c.key}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={t("body")} hint={t("bodyHint")} error={errors.body?.message} {...form.register("body")} />
      <Controller
        control={form.control}
        name="rating"
        render={({ field }) => (
          <fieldset aria-describedby={errors.rating ? `${ratingLegendId}-error` : `${ratingLegendId}-hint`}>
            <legend id={ratingLegendId} className="text-sm font-medium text-slate-800">
              {t("rating")}
            </legend>
            <p id={`${ratingLegendId}-hint`} className="text-xs text-slate-500">
              {t("ratingHint")}
            </p>
            <div className="mt-2 flex flex-wrap gap-3">
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name={field.name}
                  checked={field.value == null}
                  onChange={() => field.onChange(null)}
                  onBlur={field.onBlur}
                />
                {t("noRating")}
              </label>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="radio"
                    name={field.name}
                    checked={field.value === n}
                    onChange={() => field.onChange(n)}
                    onBlur={field.onBlur}
                  />
                  {t(`ratings.${n}` as "ratings.1")}
                </label>
              ))}
            </div>
            {errors.rating ? (
              <p id={`${ratingLegendId}-error`} role="alert" className="mt-1 text-sm text-red-700">
                {errors.rating.message}
              </p>
            ) : null}
          </fieldset>
        )}
      />
      <TextField label={t("suggestion")} hint={t("suggestionHint")} error={errors.suggestion?.message} {...form.register("suggestion")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}
