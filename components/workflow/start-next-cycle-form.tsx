"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { startNextCycleSchema } from "@/server/workflow/workflow-schemas";

/** Opens the next cycle as a copy of the published assessment (leadership, admins). */
export function StartNextCycleForm({ assessmentId, suggestion }: { assessmentId: string; suggestion: string }) {
  const t = useTranslations("workflow.nextCycle");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const tToast = useTranslations("common.toast");
  const start = useMutation(trpc.workflow.startNextCycle.mutationOptions());
  const form = useForm<z.input<typeof startNextCycleSchema>>({
    resolver: zodResolver(startNextCycleSchema),
    defaultValues: { cycle: suggestion },
  });
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { assessment } = await start.mutateAsync({ assessmentId, ...values });
      setStarted(assessment.cycle);
      toast.success(tToast("nextCycleStarted"));
      await queryClient.invalidateQueries(trpc.workflow.pathFilter());
      router.refresh();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["cycle"]));
    }
  });
  return (
    <Card aria-labelledby="next-cycle-title">
      <CardHeader title={<span id="next-cycle-title">{t("title")}</span>} description={t("intro")} />
      {started ? <Alert tone="success">{t("started", { cycle: started })}</Alert> : null}
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
        {formError ? (
          <div className="w-full">
            <Alert>{formError}</Alert>
          </div>
        ) : null}
        <div className="min-w-48">
          <TextField
            label={t("cycle")}
            hint={t("cycleHint", { suggestion })}
            error={form.formState.errors.cycle?.message}
            {...form.register("cycle")}
          />
        </div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("submit")}
        </Button>
      </form>
    </Card>
  );
}
