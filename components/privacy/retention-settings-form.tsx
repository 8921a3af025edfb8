"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { COMMENT_RETENTION, type CommentRetention } from "@/server/privacy/privacy-schemas";

type Settings = { commentRetention: CommentRetention; graceDays: number };

/** The admin's retention settings (shown on the public privacy page) and the deletion requests. */
export function RetentionSettingsForm({ initial }: { initial: Settings }) {
  const t = useTranslations("privacy.admin");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const listId = useId();
  const [retention, setRetention] = useState(initial.commentRetention);
  const [graceDays, setGraceDays] = useState(String(initial.graceDays));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const save = useMutation(trpc.privacy.saveSettings.mutationOptions());
  const requests = useQuery(trpc.privacy.erasureRequests.queryOptions());
  const eraseNow = useMutation(trpc.privacy.eraseNow.mutationOptions());

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFieldError(undefined);
    try {
      await save.mutateAsync({ commentRetention: retention, graceDays: Number(graceDays) });
      toast.success(t("saved"));
    } catch (error) {
      const fieldErrors = (error as { data?: { fieldErrors?: Record<string, string[]> } }).data?.fieldErrors;
      setFieldError(fieldErrors?.graceDays?.[0] ?? t("graceDays"));
      toast.error(t("graceDays"));
    }
  };
  const onErase = async (requestId: string) => {
    try {
      await eraseNow.mutateAsync({ requestId });
      toast.success(t("erased"));
      await queryClient.invalidateQueries({ queryKey: trpc.privacy.erasureRequests.queryKey() });
    } catch (error) {
      toast.error((error as Error).message);
    }
  };

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={headingId} className="text-base font-semibold">
        {t("title")}
      </h2>
      <form onSubmit={onSubmit} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <SelectField
          label={t("retention")}
          name="commentRetention"
          value={retention}
          onChange={(e) => setRetention(e.target.value as CommentRetention)}
        >
          {COMMENT_RETENTION.map((r) => (
            <option key={r} value={r}>
              {t(r)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("graceDays")}
          name="graceDays"
          type="number"
          min={1}
          max={90}
          required
          value={graceDays}
          error={fieldError}
          onChange={(e) => setGraceDays(e.target.value)}
        />
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
      </form>
      <h3 id={listId} className="mt-5 text-sm font-semibold">
        {t("requestsTitle")}
      </h3>
      {requests.isPending ? (
        <LoadingState label={t("requestsTitle")} />
      ) : requests.isError ? (
        <Alert>{requests.error.message}</Alert>
      ) : requests.data.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <ul aria-labelledby={listId} className="mt-2 divide-y divide-slate-100 text-sm">
          {requests.data.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
              <span className="font-medium">{r.name}</span>
              <Badge tone={r.status === "pending" ? "amber" : r.status === "erased" ? "red" : "slate"}>
                {t(`status.${r.status as "pending" | "cancelled" | "erased"}`)}
              </Badge>
              <span className="text-slate-500">{t("due", { date: format.dateTime(new Date(r.dueAt), { dateStyle: "medium" }) })}</span>
              {r.status === "pending" && new Date(r.dueAt).getTime() <= Date.now() ? (
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="danger" disabled={eraseNow.isPending}>
                      {t("eraseNow")}
                    </Button>
                  }
                  title={t("eraseNow")}
                  confirmLabel={t("eraseNow")}
                  onConfirm={() => onErase(r.id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
