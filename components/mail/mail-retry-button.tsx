"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { useRouter } from "@/i18n/navigation";

/** Puts a dead letter back in the queue (admin mail page). */
export function MailRetryButton({ id }: { id: string }) {
  const t = useTranslations("mail.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.mail.retry.mutationOptions());
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={retry.isPending}
      onClick={async () => {
        try {
          await retry.mutateAsync({ id });
          toast.success(t("retried"));
          router.refresh();
        } catch {
          toast.error(t("error"));
        }
      }}
    >
      {t("retry")}
    </Button>
  );
}
