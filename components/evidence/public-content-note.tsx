import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/states";
import type { EvidenceKind } from "@/shared/domain-values";

/**
 * The contributor's choice, shown to experts and the contributor: whether the file, address or value
 * appears on the public city page once the assessment is published.
 */
export function PublicContentNote({ kind, publicContent }: { kind: EvidenceKind; publicContent: boolean }) {
  const t = useTranslations("evidence.publicContent");
  if (kind === "ppp" || kind === "narrative") return null;
  return (
    <p className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid="public-content-note" data-public={publicContent}>
      <Badge tone={publicContent ? "green" : "slate"}>{publicContent ? t("publicBadge") : t("privateBadge")}</Badge>
      <span className="text-slate-700">{publicContent ? t(`public.${kind}`) : t(`private.${kind}`)}</span>
    </p>
  );
}
