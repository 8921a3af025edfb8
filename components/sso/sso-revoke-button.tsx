"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { useRouter } from "@/i18n/navigation";

/**
 * Revokes single sign-on for a person (signing them out), or allows it again (admin SSO page).
 * `describedBy`: the id of the person's e-mail, so a screen reader says whose account each of the
 * same-named buttons acts on.
 */
export function SsoRevokeButton({ userId, revoked, describedBy }: { userId: string; revoked: boolean; describedBy: string }) {
  const t = useTranslations("sso.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.sso.setRevoked.mutationOptions());
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={change.isPending}
      data-testid="sso-revoke"
      aria-describedby={describedBy}
      onClick={async () => {
        try {
          await change.mutateAsync({ userId, revoked: !revoked });
          toast.success(t(revoked ? "restoredToast" : "revokedToast"));
          router.refresh();
        } catch {
          toast.error(t("error"));
        }
      }}
    >
      {t(revoked ? "restore" : "revoke")}
    </Button>
  );
}
