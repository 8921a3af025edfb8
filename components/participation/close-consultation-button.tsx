"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";

export function CloseConsultationButton({ consultationId }: { consultationId: string }) {
  const t = useTranslations("participation.consultation");
  const tToast = useTranslations("common.toast");
  const trpc = useTRPC();
  const router = useRouter();
  const close = useMutation(
    trpc.consultations.close.mutationOptions({
      onSuccess: () => {
        toast.success(tToast("consultationClosed"));
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-2">
      <ConfirmDialog
        title={t("confirmClose")}
        confirmLabel={t("closeNow")}
        onConfirm={() => close.mutate({ consultationId })}
        trigger={
          <Button type="button" variant="secondary" size="sm" disabled={close.isPending}>
            {t("closeNow")}
          </Button>
        }
      />
      {close.error ? <Alert>{close.error.message}</Alert> : null}
    </div>
  );
}
