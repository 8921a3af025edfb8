"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { signUpFormSchema as signUpSchema } from "@/server/accounts/account-form-schemas";
import { usePasswordMessage } from "./password-message";

type SignUpValues = z.input<typeof signUpSchema>;

export function SignUpForm({ cities }: { cities: { slug: string; name: string }[] }) {
  const t = useTranslations("auth.signUp");
  const tMail = useTranslations("mail");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const passwordMessage = usePasswordMessage();
  const [formError, setFormError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<SignUpValues>({ resolver: zodResolver(signUpSchema) });
  const signUp = useMutation(trpc.accounts.signUp.mutationOptions());
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await signUp.mutateAsync({ ...values, citySlug: values.citySlug || undefined });
    } catch (error) {
      setFormError(applyServerFieldErrors(error, setError, ["email", "name", "password", "citySlug"]));
      return;
    }
    // The server answers the same whether the email was new or not (it must not tell). A new
    // account signs in straight away; otherwise the neutral note explains what to do.
    const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    if (!result || result.error) {
      setAccepted(true);
      return;
    }
    // A new identity: nothing cached for the previous one (the header island's viewer included) may stay.
    await queryClient.resetQueries();
    toast.info(tMail("signUpDone"));
    router.push("/dashboard");
    router.refresh();
  });
  if (accepted) return <Alert tone="info">{t("accepted")}</Alert>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField label={t("name")} autoComplete="name" error={formState.errors.name?.message} {...register("name")} />
      <TextField label={t("email")} type="email" autoComplete="email" error={formState.errors.email?.message} {...register("email")} />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        error={passwordMessage(formState.errors.password?.message)}
        {...register("password")}
      />
      <SelectField label={t("city")} error={formState.errors.citySlug?.message} {...register("citySlug")}>
        <option value="">{t("noCity")}</option>
        {cities.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
