"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { openAssessmentSchema } from "@/server/assessments/assessment-schemas";

/** Leadership (or an admin) opens the city's assessment for a cycle. */
export function OpenAssessmentForm({ cityId, suggestedCycle }: { cityId: string; suggestedCycle: string }) {
  const t = useTranslations("evidence.openAssessment");
  const tToast = useTranslations("common.toast");
  const trpc = useTRPC();
  const router = useRouter();
  const open = useMutation(trpc.assessments.open.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof openAssessmentSchema>>({
    resolver: zodResolver(openAssessmentSchema),
    defaultValues: { cycle: suggestedCycle },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await open.mutateAsync({ cityId, ...values });
      toast.success(tToast("assessmentOpened"));
      router.refresh();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["cycle"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="w-40">
        <TextField label={t("cycle")} error={form.formState.errors.cycle?.message} {...form.register("cycle")} />
      </div>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("submit")}
      </Button>
    </form>
  );
}
