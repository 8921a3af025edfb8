"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { acceptInvitationFormSchema as acceptInvitationSchema } from "@/server/accounts/account-form-schemas";
import { usePasswordMessage } from "./password-message";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const passwordMessage = usePasswordMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<z.input<typeof acceptInvitationSchema>>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { token },
  });
  const accept = useMutation(trpc.accounts.acceptInvitation.mutationOptions());
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { email } = await accept.mutateAsync(values);
      await signIn("credentials", { email, password: values.password, redirect: false });
      // A new identity: nothing cached for the previous one (the header island's viewer included) may stay.
      await queryClient.resetQueries();
      router.push("/dashboard");
      router.refresh();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, setError, ["name", "password"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField label={t("signUp.name")} autoComplete="name" error={formState.errors.name?.message} {...register("name")} />
      <TextField
        label={t("signUp.password")}
        type="password"
        autoComplete="new-password"
        hint={t("signUp.passwordHint")}
        error={passwordMessage(formState.errors.password?.message)}
        {...register("password")}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {t("invite.submit")}
      </Button>
    </form>
  );
}
