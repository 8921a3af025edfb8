"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { EvidenceStatusBadge } from "./evidence-status-badge";

/** "My submissions", with the change requests to answer first. */
export function MySubmissions({ characteristicNames }: { characteristicNames: Record<string, string> }) {
  const t = useTranslations("evidence.mine");
  const tEvidence = useTranslations("evidence");
  const format = useFormatter();
  const trpc = useTRPC();
  const [filter, setFilter] = useState<"changes_requested" | "all">("changes_requested");
  const query = useInfiniteQuery(
    trpc.evidence.mine.infiniteQueryOptions(
      { status: filter === "all" ? undefined : filter, limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-3">
      <div role="radiogroup" aria-label={t("filterLabel")} className="flex flex-wrap gap-2">
        {(["changes_requested", "all"] as const).map((value) => (
          <Button
            key={value}
            type="button"
            size="sm"
            role="radio"
            aria-checked={filter === value}
            variant={filter === value ? "primary" : "secondary"}
            onClick={() => setFilter(value)}
          >
            {t(`filters.${value}`)}
          </Button>
        ))}
      </div>
      {query.isPending ? (
        <LoadingState label={tEvidence("loading")} />
      ) : query.isError ? (
        <Alert>{query.error.message}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={filter === "all" ? t("emptyAll") : t("emptyChangeRequests")} />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="my-submissions">
          {items.map((item) => (
            <li key={item.id} className="py-3">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <Link href={`/workspace/evidence/${item.id}`} className="font-medium">
                    {item.title}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {item.cityName} {item.assessmentCycle} · {characteristicNames[item.characteristicKey] ?? item.characteristicKey} ·{" "}
                    {tEvidence(`kinds.${item.kind}`)} · {format.dateTime(item.updatedAt, { dateStyle: "medium" })}
                  </p>
                </div>
                <EvidenceStatusBadge status={item.status} />
              </div>
              {item.latestReview?.note && item.status !== "submitted" ? (
                <blockquote className="mt-2 border-l-4 border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  <span className="sr-only">{t("reviewNote")}: </span>
                  {item.latestReview.note}
                </blockquote>
              ) : null}
              {item.status === "changes_requested" && item.canChange ? (
                <Link href={`/workspace/evidence/${item.id}#revise`} className="mt-2 inline-block text-sm font-medium">
                  {t("answer")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {tEvidence("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
