"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";

/** Publish / make private (leadership) and delete (the city's planners), with a toast after each. */
export function PlanActions({
  planId,
  citySlug,
  published,
  canPublish,
  canDelete,
}: {
  planId: string;
  citySlug: string;
  published: boolean;
  canPublish: boolean;
  canDelete: boolean;
}) {
  const t = useTranslations("planning");
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const publish = useMutation(trpc.plans.publish.mutationOptions());
  const unpublish = useMutation(trpc.plans.unpublish.mutationOptions());
  const remove = useMutation(trpc.plans.delete.mutationOptions());
  const busy = publish.isPending || unpublish.isPending || remove.isPending;

  const run = async (action: () => Promise<unknown>, message: string, after: () => void) => {
    setError(null);
    try {
      await action();
      toast.success(message);
      after();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canPublish ? (
          published ? (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() =>
                run(
                  () => unpublish.mutateAsync({ planId }),
                  t("toast.unpublished"),
                  () => router.refresh(),
                )
              }
            >
              {t("plan.unpublish")}
            </Button>
          ) : (
            <Button
              disabled={busy}
              onClick={() =>
                run(
                  () => publish.mutateAsync({ planId }),
                  t("toast.published"),
                  () => router.refresh(),
                )
              }
            >
              {t("plan.publish")}
            </Button>
          )
        ) : null}
        {canDelete ? (
          <ConfirmDialog
            trigger={
              <Button variant="secondary" disabled={busy}>
                {t("plan.delete")}
              </Button>
            }
            title={t("plan.deleteTitle")}
            description={t("plan.deleteDescription")}
            confirmLabel={t("plan.delete")}
            onConfirm={() =>
              run(
                () => remove.mutateAsync({ planId }),
                t("toast.deleted"),
                () => router.push(`/plans?city=${encodeURIComponent(citySlug)}`),
              )
            }
          />
        ) : null}
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
