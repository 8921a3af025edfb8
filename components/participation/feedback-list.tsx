"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { nextCursorPage } from "@/components/providers/query-client";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import type { FeedbackItem } from "@/server/consultations/feedback";
import type { CharacteristicKey } from "@/shared/domain-values";
import { FlagControl } from "./flag-form";
import { LinkifiedText } from "./linkified-text";
import { feedbackListInput } from "./participation-query-inputs";

/** What citizens answered, newest first, with support and report buttons. */
export function FeedbackList({
  consultationId,
  characteristics,
}: {
  consultationId: string;
  characteristics: { key: string; name: string }[];
}) {
  const t = useTranslations("participation.feedbackList");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [filter, setFilter] = useState<string>("");
  const query = useInfiniteQuery(
    trpc.consultations.feedback.infiniteQueryOptions(
      feedbackListInput(consultationId, (filter || null) as CharacteristicKey | null),
      nextCursorPage,
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.consultations.feedback.pathFilter());
  const names = new Map(characteristics.map((c) => [c.key, c.name]));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={headingId}>{t("title")}</h2>
        {characteristics.length > 1 ? (
          <div className="w-full sm:w-72">
            <SelectField label={t("filter")} value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="">{t("all")}</option>
              {characteristics.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
      </div>
      {query.isPending ? (
        <LoadingState label={t("loading")} />
      ) : query.isError ? (
        <Alert>{t("loadError")}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="space-y-3" data-testid="feedback-list">
          {items.map((item) => (
            <FeedbackCard
              key={item.id}
              item={item}
              characteristicName={names.get(item.characteristicKey) ?? item.characteristicKey}
              onChanged={refresh}
            />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button type="button" variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
        </Button>
      ) : null}
    </section>
  );
}

function FeedbackCard({ item, characteristicName, onChanged }: { item: FeedbackItem; characteristicName: string; onChanged: () => void }) {
  const t = useTranslations("participation.feedbackList");
  const format = useFormatter();
  const trpc = useTRPC();
  const [flagged, setFlagged] = useState(false);
  const support = useMutation(trpc.consultations.support.mutationOptions({ onSuccess: onChanged }));
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="feedback-item">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-900">{item.author.name}</span>
        <Badge tone="blue">{characteristicName}</Badge>
        {item.rating !== null ? <Badge tone="green">{t("rated", { rating: item.rating })}</Badge> : null}
        <time dateTime={item.createdAt.toISOString()} className="text-slate-500">
          {format.dateTime(item.createdAt, { dateStyle: "medium" })}
        </time>
      </div>
      <div className="mt-2 text-sm text-slate-800">
        {item.state === "hidden" ? (
          <p className="italic text-slate-600">{t("hidden", { reason: item.moderationReason ?? "" })}</p>
        ) : item.state === "pending_review" ? (
          <p className="italic text-slate-600">{t("pendingReview")}</p>
        ) : null}
        {item.body !== null ? (
          <p className={item.state === "visible" ? undefined : "mt-1 rounded border border-dashed border-amber-300 bg-amber-50 p-2"}>
            <LinkifiedText text={item.body} />
          </p>
        ) : null}
        {item.suggestion ? (
          <p className="mt-2">
            <span className="font-medium">{t("suggestion")}</span> <LinkifiedText text={item.suggestion} />
          </p>
        ) : null}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600" data-testid="support-count">
          {t("supporters", { count: item.supportCount })}
        </span>
        {item.canSupport ? (
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={support.isPending}
            onClick={() => support.mutate({ feedbackId: item.id })}
          >
            {t("support")}
          </Button>
        ) : item.supportedByViewer ? (
          <Badge tone="green">{t("supported")}</Badge>
        ) : null}
        {item.canFlag && !flagged ? (
          <FlagControl
            targetType="feedback"
            targetId={item.id}
            onFlagged={() => {
              setFlagged(true);
              onChanged();
            }}
          />
        ) : null}
        {item.flaggedByViewer || flagged ? (
          <span role="status" className="text-xs text-slate-500">
            {t("flagged")}
          </span>
        ) : null}
      </div>
      {support.error ? <Alert>{support.error.message}</Alert> : null}
    </li>
  );
}
