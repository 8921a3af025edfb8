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
import { TextAreaField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { flagFormSchema } from "@/server/moderation/moderation-schemas";
import { FLAG_REASONS, type FlagTargetType } from "@/shared/domain-values";

/** A "Report" button that opens a small form: why (spam, offensive, off-topic) and an optional note. */
export function FlagControl({ targetType, targetId, onFlagged }: { targetType: FlagTargetType; targetId: string; onFlagged: () => void }) {
  const t = useTranslations("participation.flag");
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(true)} aria-expanded={false}>
        {t("open")}
      </Button>
    );
  }
  return <FlagForm targetType={targetType} targetId={targetId} onCancel={() => setOpen(false)} onFlagged={onFlagged} />;
}

function FlagForm({
  targetType,
  targetId,
  onCancel,
  onFlagged,
}: {
  targetType: FlagTargetType;
  targetId: string;
  onCancel: () => void;
  onFlagged: () => void;
}) {
  const t = useTranslations("participation.flag");
  const trpc = useTRPC();
  const legendId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const tToast = useTranslations("common.toast");
  const flag = useMutation(trpc.moderation.flag.mutationOptions());
  const form = useForm<z.input<typeof flagFormSchema>>({ resolver: zodResolver(flagFormSchema), defaultValues: { note: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await flag.mutateAsync({ targetType, targetId, ...values });
      toast.success(tToast("flagged"));
      onFlagged();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["reason", "note"]));
    }
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="mt-2 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      aria-labelledby={legendId}
    >
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset aria-describedby={form.formState.errors.reason ? `${legendId}-error` : undefined}>
        <legend id={legendId} className="text-sm font-medium text-slate-800">
          {t("why")}
        </legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {FLAG_REASONS.map((reason) => (
            <label key={reason} className="flex items-center gap-2 text-sm">
              <input type="radio" value={reason} {...form.register("reason")} />
              {t(`reasons.${reason}`)}
            </label>
          ))}
        </div>
        {form.formState.errors.reason ? (
          <p id={`${legendId}-error`} role="alert" className="mt-1 text-sm text-red-700">
            {t("chooseReason")}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        label={t("note")}
        hint={t("noteHint")}
        rows={2}
        className="min-h-0"
        error={form.formState.errors.note?.message}
        {...form.register("note")}
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="danger" disabled={form.formState.isSubmitting}>
          {t("submit")}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
