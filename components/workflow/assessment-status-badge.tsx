import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/states";
import type { AssessmentStatus } from "@/shared/domain-values";

const TONE: Record<AssessmentStatus, "slate" | "amber" | "blue" | "green"> = {
  draft: "slate",
  in_review: "amber",
  rated: "blue",
  approved: "blue",
  published: "green",
};

export function AssessmentStatusBadge({ status }: { status: AssessmentStatus }) {
  const t = useTranslations("workflow.status");
  return (
    <span data-testid="assessment-status" data-status={status}>
      <Badge tone={TONE[status]}>{t(status)}</Badge>
    </span>
  );
}
