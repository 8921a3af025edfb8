"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { EvidenceAuthorName } from "@/components/evidence/evidence-author-name";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { CriterionChip as CriterionChipData } from "@/server/evidence/criterion-labels";
import type { CharacteristicKey } from "@/shared/domain-values";
import { CriterionChip } from "./criterion-chip";
import { EvidenceStatusBadge } from "./evidence-status-badge";

/** The evidence of one characteristic the viewer may see, newest first, a page at a time. */
export function EvidenceList({
  assessmentId,
  characteristicKey,
  criterionLabels,
}: {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  /** The criteria each item claims, by key: their (short) text and level (`criterionChips`). */
  criterionLabels: Record<string, CriterionChipData>;
}) {
  const t = useTranslations("evidence");
  const format = useFormatter();
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.evidence.listForAssessment.infiniteQueryOptions(
      { assessmentId, characteristicKey, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (query.isPending) return <LoadingState label={t("loading")} />;
  if (query.isError) return <Alert>{query.error.message}</Alert>;
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t("emptyCharacteristic")}>{t("emptyCharacteristicHint")}</EmptyState>;
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100" data-testid="evidence-list">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
            <div className="min-w-0">
              <Link href={`/workspace/evidence/${item.id}`} className="font-medium">
                {item.title}
              </Link>
              <p className="text-xs text-slate-600">
                {t(`kinds.${item.kind}`)} · <EvidenceAuthorName name={item.authorName} /> (
                {t(`authorRoles.${item.authorRole === "partner" ? "partner" : "department"}`)}) ·{" "}
                {t("revisionShort", { revision: item.currentRevision })} · {format.dateTime(item.submittedAt, { dateStyle: "medium" })}
              </p>
              {item.criterionKeys.length ? (
                <ul className="mt-1 flex flex-wrap gap-1" aria-label={t("detail.claimedCriteria")}>
                  {item.criterionKeys.map((key) => (
                    <li key={key} className="min-w-0 max-w-full">
                      <CriterionChip chip={criterionLabels[key]} fallback={key} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <EvidenceStatusBadge status={item.status} />
          </li>
        ))}
      </ul>
      {query.hasNextPage ? (
        <Button variant="secondary" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
