"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { InvitationMailStatus } from "@/components/mail/invitation-mail-status";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { inviteMemberSchema } from "@/server/members/member-schemas";
import { CITY_ROLES } from "@/shared/domain-values";

type City = { id: string; name: string };
type InviteValues = z.output<typeof inviteMemberSchema>;
/** What the admin is asked to confirm: the city is part of it, fixed when the form was reviewed. */
type PendingInvite = { city: City; values: InviteValues };
type CreatedInvite = { link: string; cityName: string; email: string; role: InviteValues["role"]; cityId: string; invitationId: string };

/**
 * Members, pending invitations and the invitation form of one city. The city the page shows is the
 * one every request names: the choice is disabled until the page is interactive (a choice made
 * before hydration used to be ignored, and the invitation went to the first city), the invitation
 * is confirmed with its city, role and email restated, and the result shows what the server did.
 */
export function MembersPanel({ cities }: { cities: City[] }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("common.roles");
  const tToast = useTranslations("common.toast");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const [cityId, setCityId] = useState(cities[0]?.id ?? "");
  const city = cities.find((c) => c.id === cityId) ?? null;
  const [pending, setPending] = useState<PendingInvite | null>(null);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [revokingInvitation, setRevokingInvitation] = useState<string | null>(null);

  const ready = interactive && Boolean(city);
  const members = useQuery(trpc.cities.members.queryOptions({ cityId }, { enabled: ready }));
  const invitations = useQuery(trpc.cities.invitations.queryOptions({ cityId }, { enabled: ready }));
  const invite = useMutation(trpc.cities.invite.mutationOptions());
  const revoke = useMutation(
    trpc.cities.revokeMember.mutationOptions({
      onSuccess: () => {
        toast.success(tToast("membershipRevoked"));
        return queryClient.invalidateQueries(trpc.cities.members.queryFilter({ cityId }));
      },
    }),
  );
  const revokeInvitation = useMutation(
    trpc.cities.revokeInvitation.mutationOptions({
      onSuccess: () => {
        setRevokingInvitation(null);
        toast.success(tToast("invitationRevoked"));
        void queryClient.invalidateQueries(trpc.cities.invitations.queryFilter({ cityId }));
      },
    }),
  );
  const form = useForm<z.input<typeof inviteMemberSchema>, unknown, InviteValues>({
    resolver: zodResolver(inviteMemberSchema),
    defaultValues: { role: "department" },
  });
  const role = form.watch("role");

  const chooseCity = (id: string) => {
    setCityId(id);
    setPending(null);
    setCreated(null);
    setFormError(null);
    setRevokingInvitation(null);
  };

  const onReview = form.handleSubmit((values) => {
    if (!city) return;
    setFormError(null);
    setCreated(null);
    setPending({ city, values });
  });

  const onConfirm = async () => {
    if (!pending) return;
    try {
      const result = await invite.mutateAsync({ cityId: pending.city.id, ...pending.values });
      setCreated({
        link: `${window.location.origin}/invite/${result.token}`,
        cityId: result.city.id,
        invitationId: result.invitationId,
        cityName: result.city.name,
        email: result.email,
        role: result.role,
      });
      setPending(null);
      form.reset({ role: pending.values.role });
      toast.success(tToast("invitationSent"));
      void queryClient.invalidateQueries(trpc.cities.invitations.queryFilter({ cityId: result.city.id }));
    } catch (error) {
      setPending(null);
      setFormError(applyServerFieldErrors(error, form.setError, ["email", "role", "departmentName", "organisation"]));
    }
  };

  const cityName = city?.name ?? "";
  const roleLabel = (values: InviteValues) => [tRoles(values.role), values.departmentName, values.organisation].filter(Boolean).join(" · ");

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <SelectField
          label={t("chooseCity")}
          value={cityId}
          onChange={(e) => chooseCity(e.target.value)}
          disabled={!interactive}
          data-testid="admin-city"
        >
          {cities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        {!interactive ? <LoadingState label={t("loadingPage")} /> : null}
        <h2 className="mb-3 mt-6" data-testid="members-heading">
          {t("members", { city: cityName })}
        </h2>
        {!ready || members.isLoading ? (
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

        <h2 className="mb-3 mt-6">{t("pendingTitle", { city: cityName })}</h2>
        {!ready || invitations.isLoading ? (
          <LoadingState label="…" />
        ) : invitations.error ? (
          <Alert>{invitations.error.message}</Alert>
        ) : !invitations.data?.length ? (
          <EmptyState title={t("noPending")} />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
            {invitations.data.map((i) => (
              <li key={i.id} className="space-y-1 py-2 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <span className="font-medium">{i.email}</span>{" "}
                    <span className="text-slate-500">{t("expires", { date: format.dateTime(i.expiresAt, { dateStyle: "medium" }) })}</span>
                  </span>
                  <span className="flex items-center gap-2">
                    <Badge>{tRoles(i.role)}</Badge>
                    {revokingInvitation === i.id ? null : (
                      <Button size="sm" variant="ghost" onClick={() => setRevokingInvitation(i.id)}>
                        {t("revokeInvitation")}
                      </Button>
                    )}
                  </span>
                </div>
                {revokingInvitation === i.id ? (
                  <div className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2">
                    <span>{t("revokeInvitationConfirm", { email: i.email, city: cityName })}</span>
                    <Button
                      size="sm"
                      disabled={revokeInvitation.isPending}
                      onClick={() => revokeInvitation.mutate({ cityId, invitationId: i.id })}
                    >
                      {t("revokeYes")}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setRevokingInvitation(null)}>
                      {t("cancel")}
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {revokeInvitation.error ? <Alert>{revokeInvitation.error.message}</Alert> : null}
      </Card>

      <Card>
        <h2 className="mb-3" data-testid="invite-heading">
          {t("inviteTo", { city: cityName })}
        </h2>
        {pending ? (
          <div className="space-y-3" data-testid="invite-confirmation">
            <p className="font-medium">{t("confirmTitle")}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("chooseCity")}</dt>
              <dd className="font-semibold" data-testid="confirm-city">
                {pending.city.name}
              </dd>
              <dt className="text-slate-600">{t("role")}</dt>
              <dd className="font-semibold" data-testid="confirm-role">
                {roleLabel(pending.values)}
              </dd>
              <dt className="text-slate-600">{t("email")}</dt>
              <dd className="font-semibold" data-testid="confirm-email">
                {pending.values.email}
              </dd>
            </dl>
            <p className="text-sm">
              {t("confirmText", { email: pending.values.email, role: roleLabel(pending.values), city: pending.city.name })}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button onClick={onConfirm} disabled={invite.isPending} data-testid="confirm-invite">
                {t("sendInvite")}
              </Button>
              <Button variant="ghost" onClick={() => setPending(null)} disabled={invite.isPending}>
                {t("back")}
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onReview} noValidate className="space-y-3">
            <fieldset disabled={!ready} className="space-y-3">
              {formError ? <Alert>{formError}</Alert> : null}
              <TextField label={t("email")} type="email" error={form.formState.errors.email?.message} {...form.register("email")} />
              <SelectField label={t("role")} error={form.formState.errors.role?.message} {...form.register("role")}>
                {CITY_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {tRoles(r)}
                  </option>
                ))}
              </SelectField>
              {role === "department" ? (
                <TextField
                  label={t("departmentName")}
                  error={form.formState.errors.departmentName?.message}
                  {...form.register("departmentName")}
                />
              ) : null}
              {role === "partner" ? (
                <TextField
                  label={t("organisation")}
                  error={form.formState.errors.organisation?.message}
                  {...form.register("organisation")}
                />
              ) : null}
              <Button type="submit" disabled={!ready} data-testid="review-invite">
                {t("reviewInvite")}
              </Button>
            </fieldset>
          </form>
        )}
        {created ? (
          <div className="mt-4">
            <Alert tone="success">
              <span className="block" data-testid="invite-created">
                {t("createdFor", { email: created.email, role: tRoles(created.role), city: created.cityName })}
              </span>
              {/* Sent by e-mail; the link only appears if sending fails. */}
              <InvitationMailStatus cityId={created.cityId} invitationId={created.invitationId} email={created.email} link={created.link} />
            </Alert>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
