import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/states";

/**
 * Tells a blocked user why they cannot post, with the moderator's written justification. No
 * "use client" and no hooks beyond translations: works in server and client components.
 */
export function PostingBlockedBanner({ reason }: { reason: string | null | undefined }) {
  const t = useTranslations("participation.blocked");
  if (reason === null || reason === undefined) return null;
  return (
    <Alert tone="warning">
      <p className="font-medium">{t("title")}</p>
      <p className="mt-1">{t("reason", { reason: reason || t("noReason") })}</p>
      <p className="mt-1 text-xs">{t("contact")}</p>
    </Alert>
  );
}
