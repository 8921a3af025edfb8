"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { CharacteristicKey } from "@/shared/domain-values";
import { EvidenceStatusBadge } from "./evidence-status-badge";

/** The evidence of one characteristic the viewer may see, newest first, a page at a time. */
export function EvidenceList({
  assessmentId,
  characteristicKey,
  criterionLabels,
}: {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  /** Short labels ("Basic 1") for the criteria each item claims. */
  criterionLabels: Record<string, string>;
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
                {t(`kinds.${item.kind}`)} · {item.authorName} (
                {t(`authorRoles.${item.authorRole === "partner" ? "partner" : "department"}`)}) ·{" "}
                {t("revisionShort", { revision: item.currentRevision })} · {format.dateTime(item.submittedAt, { dateStyle: "medium" })}
              </p>
              {item.criterionKeys.length ? (
                <p className="mt-1 flex flex-wrap gap-1">
                  {item.criterionKeys.map((key) => (
                    <Badge key={key}>{criterionLabels[key] ?? key}</Badge>
                  ))}
                </p>
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
