"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { usePasswordMessage } from "@/components/auth/password-message";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { resetPasswordFormSchema } from "@/server/accounts/password-reset-schemas";

type Values = z.input<typeof resetPasswordFormSchema>;

/** Sets a new password with the token from the reset mail. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("mail.reset");
  const tAuth = useTranslations("auth.signUp");
  const trpc = useTRPC();
  const passwordMessage = usePasswordMessage();
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(resetPasswordFormSchema),
    defaultValues: { token },
  });
  const reset = useMutation(trpc.accounts.resetPassword.mutationOptions());
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await reset.mutateAsync(values);
      setDone(true);
    } catch (error) {
      const message = applyServerFieldErrors(error, setError, ["password"]);
      setFormError(message && /invalid, used or expired/.test(message) ? t("invalid") : message);
    }
  });
  if (done)
    return (
      <Alert tone="success">
        <span data-testid="reset-done">{t("done")}</span> <Link href="/sign-in">{t("signIn")}</Link>
      </Alert>
    );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert>{formError}</Alert> : null}
      <input type="hidden" {...register("token")} />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="new-password"
        hint={tAuth("passwordHint")}
        error={passwordMessage(formState.errors.password?.message)}
        {...register("password")}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
