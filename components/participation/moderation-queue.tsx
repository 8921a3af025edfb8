"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/cursor-pager";
import { SelectField, TextAreaField, TextField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { oneOf, useUrlParams } from "@/components/ui/use-url-params";
import { Link } from "@/i18n/navigation";
import type { QueueItem } from "@/server/moderation/moderation-queue";
import { blockFormSchema, hideFormSchema, QUEUE_VIEWS } from "@/server/moderation/moderation-schemas";
import { FLAG_REASONS, FLAG_TARGET_TYPES } from "@/shared/domain-values";
import { LinkifiedText } from "./linkified-text";

const keyOf = (item: Pick<QueueItem, "targetType" | "id">) => `${item.targetType}:${item.id}`;

/** The URL's query keys: `?view=…&city=…&kind=…&reason=…&q=…&cursor=…`. */
const URL_KEYS = ["view", "city", "kind", "reason", "q", "cursor"] as const;

/**
 * The technical expert group's queue: flagged items oldest first, filtered by city, kind, reason and
 * text, selected and acted on in bulk. The view, filters and page are in the URL (back/forward, shared links).
 */
export function ModerationQueue({ cities }: { cities: { id: string; slug: string; name: string }[] }) {
  const t = useTranslations("participation.moderation");
  const tFlag = useTranslations("participation.flag");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [params, setParams] = useUrlParams(URL_KEYS);
  const view = oneOf(params.view, QUEUE_VIEWS, "pending");
  // The city by its slug (`?city=barcelona`), as the role home page links to it.
  const cityId = cities.find((c) => c.slug === params.city)?.id ?? "";
  const kind = oneOf(params.kind, FLAG_TARGET_TYPES, "");
  const reason = oneOf(params.reason, FLAG_REASONS, "");
  const search = params.q.slice(0, 100);
  const [searchDraft, setSearchDraft] = useState(search);
  useEffect(() => setSearchDraft(search), [search]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const query = useQuery({
    ...trpc.moderation.queue.queryOptions({
      view,
      cityId: cityId || null,
      kind: kind || null,
      reason: reason || null,
      search: search || null,
      cursor: params.cursor || null,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const pendingCount = query.data?.pendingCount ?? 0;
  // Another view, filter or page: nothing stays selected that the reader no longer sees.
  const show = (patch: Partial<Record<(typeof URL_KEYS)[number], string | null>>) => {
    setSelected(new Set());
    setStatus(null);
    setParams({ cursor: null, ...patch });
  };
  const filtered = Boolean(cityId || kind || reason || search);
  const actable = items.filter((i) => i.canAct);
  const chosen = items.filter((i) => selected.has(keyOf(i)));
  const refs = chosen.map((i) => ({ targetType: i.targetType, targetId: i.id }));

  const afterAction = async (message: string) => {
    setSelected(new Set());
    // The inline status (announced politely) is the feedback here: a toast would say it twice.
    setStatus(message);
    await Promise.all([
      queryClient.invalidateQueries(trpc.moderation.queue.pathFilter()),
      queryClient.invalidateQueries(trpc.moderation.blockedUsers.pathFilter()),
    ]);
  };
  const restore = useMutation(
    trpc.moderation.restore.mutationOptions({ onSuccess: (r) => afterAction(t("done.restored", { count: r.updated })) }),
  );
  const dismiss = useMutation(
    trpc.moderation.dismiss.mutationOptions({ onSuccess: (r) => afterAction(t("done.dismissed", { count: r.updated })) }),
  );
  const actionError = restore.error?.message ?? dismiss.error?.message ?? null;

  const toggle = (key: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of view buttons, not form fields; a fieldset would need a legend and form semantics */}
      <div role="group" aria-label={t("views.label")} className="flex flex-wrap gap-2">
        {QUEUE_VIEWS.map((v) => (
          <Button
            key={v}
            type="button"
            size="sm"
            variant={view === v ? "primary" : "secondary"}
            aria-pressed={view === v}
            onClick={() => show({ view: v === "pending" ? null : v })}
          >
            {t(`views.${v}`)}
            {v === "pending" && pendingCount ? ` (${pendingCount})` : ""}
          </Button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the established landmark; React's types lack the newer <search> element */}
      <form
        role="search"
        aria-label={t("filters.label")}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_minmax(0,2fr)]"
        onSubmit={(e) => {
          e.preventDefault();
          show({ q: searchDraft.trim() });
        }}
      >
        <SelectField
          label={t("filters.city")}
          value={params.city && cityId ? params.city : ""}
          onChange={(e) => show({ city: e.target.value })}
        >
          <option value="">{t("filters.allCities")}</option>
          {cities.map((c) => (
            <option key={c.id} value={c.slug}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("filters.kind")} value={kind} onChange={(e) => show({ kind: e.target.value })}>
          <option value="">{t("filters.allKinds")}</option>
          {FLAG_TARGET_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`types.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("filters.reason")} value={reason} onChange={(e) => show({ reason: e.target.value })}>
          <option value="">{t("filters.allReasons")}</option>
          {FLAG_REASONS.map((r) => (
            <option key={r} value={r}>
              {tFlag(`reasons.${r}`)}
            </option>
          ))}
        </SelectField>
        <div className="flex items-end gap-2">
          <div className="min-w-0 flex-1">
            <TextField
              label={t("filters.search")}
              hint={t("filters.searchHint")}
              type="search"
              maxLength={100}
              value={searchDraft}
              onChange={(e) => setSearchDraft(e.target.value)}
            />
          </div>
          <Button type="submit" variant="secondary" className="mb-px">
            {t("filters.apply")}
          </Button>
        </div>
        {filtered ? (
          <p className="text-sm sm:col-span-2 lg:col-span-4">
            <button
              type="button"
              className="text-brand-700 underline"
              onClick={() => show({ city: null, kind: null, reason: null, q: null })}
            >
              {t("filters.clear")}
            </button>
          </p>
        ) : null}
      </form>
      <div aria-live="polite">{status ? <Alert tone="success">{status}</Alert> : null}</div>

      <section aria-label={t("bulk.label")} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={actable.length > 0 && actable.every((i) => selected.has(keyOf(i)))}
              disabled={actable.length === 0}
              onChange={(e) => setSelected(e.target.checked ? new Set(actable.map(keyOf)) : new Set())}
            />
            {t("bulk.selectAll")}
          </label>
          <span className="text-sm text-slate-700" data-testid="selected-count">
            {t("bulk.selected", { count: chosen.length })}
          </span>
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={!chosen.length || restore.isPending}
            onClick={() => restore.mutate({ items: refs })}
          >
            {t("bulk.restore")}
          </Button>
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={!chosen.length || dismiss.isPending}
            onClick={() => dismiss.mutate({ items: refs })}
          >
            {t("bulk.dismiss")}
          </Button>
        </div>
        {actionError ? <Alert>{actionError}</Alert> : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <HideForm disabled={!chosen.length} items={refs} onDone={(n) => afterAction(t("done.hidden", { count: n }))} />
          <BlockForm
            disabled={!chosen.length}
            userIds={[...new Set(chosen.map((i) => i.author.id))]}
            onDone={(n) => afterAction(t("done.blocked", { count: n }))}
          />
        </div>
      </section>

      {query.isPending ? (
        <LoadingState label={t("loading")} />
      ) : query.isError ? (
        <Alert>{query.error.message}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? t("filters.noMatch") : t(`empty.${view}`)} />
      ) : (
        <ul className="space-y-3" data-testid="moderation-queue">
          {items.map((item) => (
            <QueueCard key={keyOf(item)} item={item} selected={selected.has(keyOf(item))} onToggle={() => toggle(keyOf(item))} />
          ))}
        </ul>
      )}
      <CursorPager
        nextCursor={query.data?.nextCursor}
        disabled={query.isFetching}
        onPage={(cursor) => show({ cursor })}
        onFirstPage={params.cursor ? () => show({ cursor: null }) : null}
      />
    </div>
  );
}

function HideForm({
  disabled,
  items,
  onDone,
}: {
  disabled: boolean;
  items: { targetType: "comment" | "feedback"; targetId: string }[];
  onDone: (n: number) => void;
}) {
  const t = useTranslations("participation.moderation");
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const hide = useMutation(trpc.moderation.hide.mutationOptions());
  const form = useForm<z.input<typeof hideFormSchema>>({ resolver: zodResolver(hideFormSchema), defaultValues: { reason: "" } });
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    setFormError(null);
    try {
      const { updated } = await hide.mutateAsync({ items, reason });
      form.reset({ reason: "" });
      onDone(updated);
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["reason"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label={t("bulk.hideReason")}
        hint={t("bulk.hideReasonHint")}
        error={form.formState.errors.reason?.message}
        {...form.register("reason")}
      />
      <Button type="submit" size="sm" variant="danger" disabled={disabled || form.formState.isSubmitting}>
        {t("bulk.hide")}
      </Button>
    </form>
  );
}

function BlockForm({ disabled, userIds, onDone }: { disabled: boolean; userIds: string[]; onDone: (n: number) => void }) {
  const t = useTranslations("participation.moderation");
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const block = useMutation(trpc.moderation.block.mutationOptions());
  const form = useForm<z.input<typeof blockFormSchema>>({ resolver: zodResolver(blockFormSchema), defaultValues: { justification: "" } });
  const onSubmit = form.handleSubmit(async ({ justification }) => {
    setFormError(null);
    try {
      const { blocked } = await block.mutateAsync({ userIds, justification });
      form.reset({ justification: "" });
      onDone(blocked);
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["justification"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField
        label={t("bulk.justification")}
        hint={t("bulk.justificationHint")}
        rows={2}
        className="min-h-0"
        error={form.formState.errors.justification?.message}
        {...form.register("justification")}
      />
      <Button type="submit" size="sm" variant="danger" disabled={disabled || form.formState.isSubmitting}>
        {t("bulk.block", { count: userIds.length })}
      </Button>
    </form>
  );
}

function QueueCard({ item, selected, onToggle }: { item: QueueItem; selected: boolean; onToggle: () => void }) {
  const t = useTranslations("participation.moderation");
  const tFlag = useTranslations("participation.flag");
  const tRoles = useTranslations("common.roles");
  const format = useFormatter();
  const checkboxId = useId();
  const stateTone = item.moderationState === "ok" ? "green" : item.moderationState === "hidden" ? "red" : "amber";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="queue-item">
      <div className="flex items-start gap-3">
        <input
          id={checkboxId}
          type="checkbox"
          className="mt-1"
          checked={selected}
          disabled={!item.canAct}
          onChange={onToggle}
          aria-label={t("selectItem", { name: item.author.name })}
        />
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone="blue">{t(`types.${item.targetType}`)}</Badge>
            <Badge tone={stateTone}>{t(`states.${item.moderationState}`)}</Badge>
            {item.deleted ? <Badge>{t("deletedByAuthor")}</Badge> : null}
            <span className="text-slate-600">{item.cityName}</span>
            <span className="text-slate-500">·</span>
            {item.context.kind === "feedback" ? (
              <Link href={`/consultations/${item.context.consultationId}`} className="truncate">
                {item.context.question}
              </Link>
            ) : (
              <span className="text-slate-600">
                {t(`contexts.${item.context.targetType}` as "contexts.assessment", {
                  visibility: t(`visibility.${item.context.visibility}` as "visibility.public"),
                })}
              </span>
            )}
          </div>
          <p className="text-sm">
            <span className="font-medium">{item.author.name}</span> <span className="text-slate-600">({tRoles(item.author.role)})</span>{" "}
            {item.author.postingBlocked ? <Badge tone="red">{t("blocked")}</Badge> : null}{" "}
            <time dateTime={item.createdAt.toISOString()} className="text-slate-500">
              {format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </p>
          <blockquote className="rounded border-l-4 border-slate-200 bg-slate-50 p-2 text-sm text-slate-800" data-testid="queue-item-text">
            <LinkifiedText text={item.body} />
            {item.rating !== null ? (
              <span className="mt-1 block text-xs text-slate-600">{t("rating", { rating: item.rating })}</span>
            ) : null}
            {item.suggestion ? (
              <span className="mt-1 block text-xs text-slate-600">{t("suggestion", { suggestion: item.suggestion })}</span>
            ) : null}
          </blockquote>
          {item.moderationState === "hidden" && item.moderationReason ? (
            <p className="text-sm text-slate-700">
              {t("hiddenBecause", { reason: item.moderationReason, name: item.moderatedByName ?? "—" })}
            </p>
          ) : null}
          <details>
            <summary className="cursor-pointer text-sm text-slate-700">
              {t("flags", { count: item.flags.length, open: item.openFlagCount })}
            </summary>
            <ul className="mt-2 space-y-1 text-sm">
              {item.flags.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: flags have no id in this read and the list is never reordered
                <li key={i} className="text-slate-700">
                  <span className="font-medium">{tFlag(`reasons.${f.reason}`)}</span> — {f.flaggedBy},{" "}
                  {format.dateTime(f.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  {f.note ? <span className="block text-slate-600">“{f.note}”</span> : null}
                  {f.resolution ? (
                    <span className="block text-xs text-slate-500">{t(`resolutions.${f.resolution}` as "resolutions.hidden")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </details>
          {!item.canAct ? <p className="text-sm text-amber-800">{t("outranked", { role: tRoles(item.author.role) })}</p> : null}
        </div>
      </div>
    </li>
  );
}
