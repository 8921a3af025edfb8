"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { requestPasswordResetSchema } from "@/server/accounts/password-reset-schemas";

type Values = z.input<typeof requestPasswordResetSchema>;

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("mail.forgot");
  const trpc = useTRPC();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(requestPasswordResetSchema) });
  const request = useMutation(trpc.accounts.requestPasswordReset.mutationOptions());
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      await request.mutateAsync(values);
      setDone(true);
    } catch (e) {
      setError(e instanceof TRPCClientError && e.data?.code === "TOO_MANY_REQUESTS" ? t("tooMany") : t("failed"));
    }
  });
  if (done)
    return (
      <Alert tone="success">
        <span data-testid="forgot-done">{t("done")}</span>
      </Alert>
    );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <Alert>{error}</Alert> : null}
      <TextField label={t("email")} type="email" autoComplete="email" error={formState.errors.email?.message} {...register("email")} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}
