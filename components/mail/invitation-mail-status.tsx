"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc-provider";

/**
 * The delivery of an invitation mail, polled until it is sent or failed. The link is shown only as a
 * fallback when sending failed (the admin then passes it on by hand).
 */
export function InvitationMailStatus({
  cityId,
  invitationId,
  email,
  link,
}: {
  cityId: string;
  invitationId: string;
  email: string;
  link: string;
}) {
  const t = useTranslations("mail.invite");
  const trpc = useTRPC();
  const status = useQuery(
    trpc.mail.invitationStatus.queryOptions(
      { cityId, invitationId },
      { refetchInterval: (q) => (q.state.data?.status === "sent" || q.state.data?.status === "dead" ? false : 2000) },
    ),
  );
  const failed = status.data?.status === "dead" || (status.data?.status === "pending" && status.data.attempts > 0) || status.isError;
  return (
    <span className="mt-1 block" role="status" data-testid="invite-mail-status">
      {failed ? (
        <>
          {t("failed", { email })}{" "}
          <code className="break-all" data-testid="invite-link">
            {link}
          </code>
        </>
      ) : status.data?.status === "sent" ? (
        t("sent", { email })
      ) : (
        t("queued", { email })
      )}
    </span>
  );
}
