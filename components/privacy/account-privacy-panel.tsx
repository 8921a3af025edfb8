"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Alert, LoadingState } from "@/components/ui/states";

const EXPORT_PATH = "/api/privacy/export";
const DAY_MS = 86_400_000;

/** The person's two rights: download their data, and delete their account (with a grace period). */
export function AccountPrivacyPanel() {
  const t = useTranslations("privacy.account");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const downloadId = useId();
  const deleteId = useId();
  const status = useQuery(trpc.privacy.status.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.privacy.status.queryKey() });
  const request = useMutation(trpc.privacy.requestErasure.mutationOptions());
  const cancel = useMutation(trpc.privacy.cancelErasure.mutationOptions());
  const dateOf = (date: Date | string) => format.dateTime(new Date(date), { dateStyle: "long" });

  const onRequest = async () => {
    try {
      const created = await request.mutateAsync();
      toast.success(t("requested", { date: dateOf(created.dueAt) }));
      await refresh();
    } catch {
      toast.error(t("failed"));
    }
  };
  const onCancel = async () => {
    try {
      await cancel.mutateAsync();
      toast.success(t("cancelled"));
      await refresh();
    } catch {
      toast.error(t("failed"));
    }
  };

  return (
    <div className="space-y-4">
      <section aria-labelledby={downloadId} className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={downloadId} className="text-base font-semibold">
          {t("downloadTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("downloadText")}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Button asChild>
            <a href={EXPORT_PATH} download data-testid="download-json">
              {t("downloadJson")}
            </a>
          </Button>
          <Button asChild variant="secondary">
            <a href={`${EXPORT_PATH}?format=html`} download>
              {t("downloadHtml")}
            </a>
          </Button>
        </div>
      </section>
      <section aria-labelledby={deleteId} className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id={deleteId} className="text-base font-semibold">
          {t("deleteTitle")}
        </h2>
        {status.isPending ? (
          <LoadingState label={t("deleteTitle")} />
        ) : status.isError ? (
          <Alert>{t("failed")}</Alert>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              {t("deleteText", {
                days: status.data.graceDays,
                retention: t(status.data.commentRetention === "remove" ? "retentionRemove" : "retentionAnonymise"),
              })}
            </p>
            {status.data.pending ? (
              <div className="mt-3 space-y-3">
                <Alert tone="warning">
                  <span data-testid="erasure-pending">{t("pending", { date: dateOf(status.data.pending.dueAt) })}</span>
                </Alert>
                <Button variant="secondary" onClick={onCancel} disabled={cancel.isPending}>
                  {t("cancelButton")}
                </Button>
              </div>
            ) : (
              <div className="mt-3">
                <ConfirmDialog
                  trigger={
                    <Button variant="danger" disabled={request.isPending}>
                      {t("deleteButton")}
                    </Button>
                  }
                  title={t("confirmTitle")}
                  description={t("confirmText", { date: dateOf(new Date(Date.now() + status.data.graceDays * DAY_MS)) })}
                  confirmLabel={t("confirmAction")}
                  onConfirm={onRequest}
                />
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
