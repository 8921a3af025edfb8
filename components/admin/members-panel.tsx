"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { CITY_ROLES } from "@/server/auth/permissions";
import { inviteMemberSchema } from "@/server/members/member-schemas";

export function MembersPanel({ cities }: { cities: { id: string; name: string }[] }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("common.roles");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [cityId, setCityId] = useState(cities[0]?.id ?? "");
  const [inviteLink, setInviteLink] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const members = useQuery(trpc.cities.members.queryOptions({ cityId }, { enabled: Boolean(cityId) }));
  const invite = useMutation(trpc.cities.invite.mutationOptions());
  const revoke = useMutation(
    trpc.cities.revokeMember.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.cities.members.queryFilter({ cityId })) }),
  );
  const form = useForm<z.input<typeof inviteMemberSchema>>({ resolver: zodResolver(inviteMemberSchema), defaultValues: { role: "department" } });
  const role = form.watch("role");
  const onInvite = form.handleSubmit(async (values) => {
    setFormError(null);
    setInviteLink(null);
    try {
      const { token } = await invite.mutateAsync({ cityId, ...values });
      setInviteLink(`${window.location.origin}/invite/${token}`);
      form.reset({ role: values.role });
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["email", "role", "departmentName", "organisation"]));
    }
  });
  const cityName = cities.find((c) => c.id === cityId)?.name ?? "";
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <SelectField label={t("chooseCity")} value={cityId} onChange={(e) => setCityId(e.target.value)}>
          {cities.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </SelectField>
        <h2 className="mb-3 mt-6">{t("members", { city: cityName })}</h2>
        {members.isLoading ? (
          <LoadingState label="…" />
        ) : members.error ? (
          <Alert>{members.error.message}</Alert>
        ) : !members.data?.length ? (
          <EmptyState title={t("noMembers")} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {members.data.map((m) => (
              <li key={m.membershipId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-medium">{m.name}</span> <span className="text-slate-500">{m.email}</span>
                </span>
                <span className="flex items-center gap-2">
                  <Badge>{tRoles(m.role)}</Badge>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      const reason = window.prompt(t("revokeReason"));
                      if (reason) revoke.mutate({ cityId, membershipId: m.membershipId, reason });
                    }}
                  >
                    {t("revoke")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {revoke.error ? <Alert>{revoke.error.message}</Alert> : null}
      </Card>
      <Card>
        <h2 className="mb-3">{t("invite")}</h2>
        <form onSubmit={onInvite} noValidate className="space-y-3">
          {formError ? <Alert>{formError}</Alert> : null}
          <TextField label={t("email")} type="email" error={form.formState.errors.email?.message} {...form.register("email")} />
          <SelectField label={t("role")} error={form.formState.errors.role?.message} {...form.register("role")}>
            {CITY_ROLES.map((r) => (
              <option key={r} value={r}>{tRoles(r)}</option>
            ))}
          </SelectField>
          {role === "department" ? <TextField label={t("departmentName")} error={form.formState.errors.departmentName?.message} {...form.register("departmentName")} /> : null}
          {role === "partner" ? <TextField label={t("organisation")} error={form.formState.errors.organisation?.message} {...form.register("organisation")} /> : null}
          <Button type="submit" disabled={form.formState.isSubmitting}>{t("sendInvite")}</Button>
        </form>
        {inviteLink ? (
          <div className="mt-4"><Alert tone="success">{t("inviteLink")} <code className="break-all" data-testid="invite-link">{inviteLink}</code></Alert></div>
        ) : null}
      </Card>
    </div>
  );
}
