"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { EvidenceAuthorName } from "@/components/evidence/evidence-author-name";
import { EvidenceStatusBadge } from "@/components/evidence/evidence-status-badge";
import { useTRPC } from "@/components/providers/trpc-provider";
import { CursorPager } from "@/components/ui/cursor-pager";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";
import { oneOf, useUrlParams } from "@/components/ui/use-url-params";
import { Link } from "@/i18n/navigation";
import { CHARACTERISTIC_KEYS, type CharacteristicKey, EVIDENCE_KINDS, EVIDENCE_STATUSES } from "@/shared/domain-values";

/** The URL's query keys: `?city=…&characteristic=…&kind=…&status=…&age=…&cursor=…`. */
const URL_KEYS = ["city", "characteristic", "kind", "status", "age", "cursor"] as const;

/**
 * The expert group's queue across cities, oldest first, with filters. Filters and the page are in
 * the URL, so back/forward and a shared link show the same list.
 */
export function ReviewQueue({
  cities,
  characteristics,
}: {
  cities: { id: string; slug: string; name: string }[];
  characteristics: { key: CharacteristicKey; name: string }[];
}) {
  const t = useTranslations("review.queue");
  const tEvidence = useTranslations("evidence");
  const format = useFormatter();
  const trpc = useTRPC();
  const [params, setParams] = useUrlParams(URL_KEYS);
  // Only values the lists offer reach the query; anything else in a hand-edited URL means "all".
  // The city by its slug (`?city=barcelona`), as the role home page links to it.
  const cityId = cities.find((c) => c.slug === params.city)?.id ?? "";
  const characteristicKey = oneOf(params.characteristic, CHARACTERISTIC_KEYS, "");
  const kind = oneOf(params.kind, EVIDENCE_KINDS, "");
  const status = oneOf(params.status, EVIDENCE_STATUSES, "submitted");
  const age = /^\d{1,4}$/.test(params.age) ? Number(params.age) : undefined;
  // The age field is typed into: it goes to the URL when the reader leaves it or presses Enter.
  const [ageDraft, setAgeDraft] = useState(params.age);
  useEffect(() => setAgeDraft(params.age), [params.age]);
  const query = useQuery({
    ...trpc.review.queue.queryOptions({
      cityId: cityId || undefined,
      characteristicKey: characteristicKey || undefined,
      kind: kind || undefined,
      status,
      minAgeDays: age,
      cursor: params.cursor || undefined,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  // A new filter starts again at the first page.
  const set = (key: (typeof URL_KEYS)[number]) => (event: { target: { value: string } }) =>
    setParams({ [key]: event.target.value, cursor: null });
  const commitAge = () => {
    if (ageDraft !== params.age) setParams({ age: ageDraft.trim(), cursor: null });
  };
  const names = Object.fromEntries(characteristics.map((c) => [c.key, c.name]));
  const items = query.data?.items ?? [];
  const now = Date.now();
  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the established landmark; React's types lack the newer <search> element */}
      <form
        role="search"
        aria-label={t("filtersLabel")}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
        onSubmit={(e) => {
          e.preventDefault();
          commitAge();
        }}
      >
        <SelectField label={t("city")} value={params.city && cityId ? params.city : ""} onChange={set("city")}>
          <option value="">{t("allCities")}</option>
          {cities.map((c) => (
            <option key={c.id} value={c.slug}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("characteristic")} value={characteristicKey} onChange={set("characteristic")}>
          <option value="">{t("allCharacteristics")}</option>
          {characteristics.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("kind")} value={kind} onChange={set("kind")}>
          <option value="">{t("allKinds")}</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {tEvidence(`kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("status")}
          value={status}
          onChange={(e) => setParams({ status: e.target.value === "submitted" ? null : e.target.value, cursor: null })}
        >
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
          value={ageDraft}
          onChange={(e) => setAgeDraft(e.target.value)}
          onBlur={commitAge}
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
                    <EvidenceAuthorName name={item.authorName} />
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
      <CursorPager
        nextCursor={query.data?.nextCursor}
        disabled={query.isFetching}
        onPage={(cursor) => setParams({ cursor })}
        onFirstPage={params.cursor ? () => setParams({ cursor: null }) : null}
      />
    </div>
  );
}
