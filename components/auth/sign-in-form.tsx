"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { validationMessage } from "@/server/validation/validation-messages";

const signInFormSchema = z.object({
  email: z.email({ message: validationMessage("validation.email.invalid") }),
  password: z.string().min(1, { message: "Enter your password." }),
});

/** next-auth's `?error=` codes we produce, to messages; anything else reads as a failed sign-in. */
const MESSAGE_BY_ERROR: Record<string, "tooManyAttempts" | "unavailable"> = {
  TooManyAttempts: "tooManyAttempts",
  SignInUnavailable: "unavailable",
};

export function SignInForm({ callbackUrl, initialError = null }: { callbackUrl: string; initialError?: string | null }) {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(initialError);
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(signInFormSchema) });
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setFailure(result?.error ?? "CredentialsSignin");
      return;
    }
    // A new identity: nothing cached for the previous one (the header island's viewer included) may stay.
    await queryClient.resetQueries();
    router.push(callbackUrl);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {failure ? <Alert>{t(MESSAGE_BY_ERROR[failure] ?? "failed")}</Alert> : null}
      <TextField label={t("email")} type="email" autoComplete="email" error={formState.errors.email?.message} {...register("email")} />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="current-password"
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
