import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/states";
import type { EvidenceStatus } from "@/shared/domain-values";

const TONE: Record<EvidenceStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  submitted: "blue",
  accepted: "green",
  rejected: "red",
  changes_requested: "amber",
  withdrawn: "slate",
};

export function EvidenceStatusBadge({ status }: { status: EvidenceStatus }) {
  const t = useTranslations("evidence.status");
  return (
    <span data-testid="evidence-status" data-status={status}>
      <Badge tone={TONE[status]}>{t(status)}</Badge>
    </span>
  );
}
