"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { EvidenceStatusBadge } from "@/components/evidence/evidence-status-badge";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { type CharacteristicKey, EVIDENCE_KINDS, EVIDENCE_STATUSES, type EvidenceKind, type EvidenceStatus } from "@/shared/domain-values";

type Filters = {
  cityId: string;
  characteristicKey: CharacteristicKey | "";
  kind: EvidenceKind | "";
  status: EvidenceStatus;
  minAgeDays: string;
};

/** The expert group's queue across cities, oldest first, with filters. */
export function ReviewQueue({
  cities,
  characteristics,
}: {
  cities: { id: string; name: string }[];
  characteristics: { key: CharacteristicKey; name: string }[];
}) {
  const t = useTranslations("review.queue");
  const tEvidence = useTranslations("evidence");
  const format = useFormatter();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({ cityId: "", characteristicKey: "", kind: "", status: "submitted", minAgeDays: "" });
  const age = Number(filters.minAgeDays);
  const query = useInfiniteQuery(
    trpc.review.queue.infiniteQueryOptions(
      {
        cityId: filters.cityId || undefined,
        characteristicKey: filters.characteristicKey || undefined,
        kind: filters.kind || undefined,
        status: filters.status,
        minAgeDays: filters.minAgeDays && Number.isInteger(age) && age >= 0 ? age : undefined,
        limit: 25,
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: event.target.value }));
  const names = Object.fromEntries(characteristics.map((c) => [c.key, c.name]));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const now = Date.now();
  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the established landmark; React's types lack the newer <search> element */}
      <form
        role="search"
        aria-label={t("filtersLabel")}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField label={t("city")} value={filters.cityId} onChange={set("cityId")}>
          <option value="">{t("allCities")}</option>
          {cities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("characteristic")} value={filters.characteristicKey} onChange={set("characteristicKey")}>
          <option value="">{t("allCharacteristics")}</option>
          {characteristics.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("kind")} value={filters.kind} onChange={set("kind")}>
          <option value="">{t("allKinds")}</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {tEvidence(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("status")} value={filters.status} onChange={set("status")}>
          {EVIDENCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {tEvidence(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("minAgeDays")}
          type="number"
          min={0}
          inputMode="numeric"
          value={filters.minAgeDays}
          onChange={set("minAgeDays")}
        />
      </form>
      {query.isPending ? (
        <LoadingState label={t("loading")} />
      ) : query.isError ? (
        <Alert>{query.error.message}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="review-queue">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.evidence")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.city")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.characteristic")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.kind")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.author")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("columns.waiting")}
                </th>
                <th scope="col" className="py-2">
                  {t("columns.status")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="py-2 pr-3">
                    <Link href={`/review/evidence/${item.id}`} className="font-medium">
                      {item.title}
                    </Link>
                    <span className="block text-xs text-slate-500">{tEvidence("revisionShort", { revision: item.currentRevision })}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {item.cityName} <span className="text-slate-500">{item.assessmentCycle}</span>
                  </td>
                  <td className="py-2 pr-3">{names[item.characteristicKey] ?? item.characteristicKey}</td>
                  <td className="py-2 pr-3">{tEvidence(`kinds.${item.kind}`)}</td>
                  <td className="py-2 pr-3">
                    {item.authorName}
                    <span className="block text-xs text-slate-500">
                      {tEvidence(`authorRoles.${item.authorRole === "partner" ? "partner" : "department"}`)}
                    </span>
                  </td>
                  <td className="py-2 pr-3">
                    <time
                      dateTime={new Date(item.submittedAt).toISOString()}
                      title={format.dateTime(item.submittedAt, { dateStyle: "medium", timeStyle: "short" })}
                    >
                      {format.relativeTime(item.submittedAt, now)}
                    </time>
                  </td>
                  <td className="py-2">
                    <EvidenceStatusBadge status={item.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {tEvidence("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
