"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useRouter } from "@/i18n/navigation";

export function KpiArchiveButton({ kpiId, version, registerHref }: { kpiId: string; version: number; registerHref: string }) {
  const t = useTranslations("kpis.detail");
  const trpc = useTRPC();
  const router = useRouter();
  const archive = useMutation(trpc.kpis.archive.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" disabled={archive.isPending}>
          {t("archive")}
        </Button>
      }
      title={t("archiveTitle")}
      description={t("archiveBody")}
      confirmLabel={t("archive")}
      onConfirm={() =>
        archive.mutate(
          { kpiId, version },
          {
            onSuccess: () => {
              toast.success(t("archived"));
              router.push(registerHref);
              router.refresh();
            },
            onError: (error) => toast.error(error.message),
          },
        )
      }
    />
  );
}
