import { useTranslations } from "next-intl";

/**
 * Who a piece of evidence is shown as written by: the author's name, or, once their account is erased,
 * the department it was attributed to; `null` (erased, no department) reads "City department".
 * No "use client": server pages and client lists both render it.
 */
export function EvidenceAuthorName({ name }: { name: string | null }) {
  const t = useTranslations("evidence");
  return <>{name ?? t("attributedToCity")}</>;
}
