"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";
import type { AppRouter } from "@/server/api/root-router";

type TimelinePage = inferRouterOutputs<AppRouter>["audit"]["timeline"];
const PAGE_SIZE = 30;

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** An assessment's audit events, newest first, with who, in which role, what changed and why. */
export function AssessmentTimeline({ assessmentId, initialPage }: { assessmentId: string; initialPage: TimelinePage }) {
  const t = useTranslations("audit");
  const tRoles = useTranslations("common.roles");
  const format = useFormatter();
  const trpc = useTRPC();
  const timeline = useInfiniteQuery(
    trpc.audit.timeline.infiniteQueryOptions(
      { assessmentId, limit: PAGE_SIZE },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        initialData: { pages: [initialPage], pageParams: [null] },
      },
    ),
  );
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const actionLabel = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}`) : action);
  const roleLabel = (role: string) => (tRoles.has(role) ? tRoles(role) : role);

  if (timeline.isLoading) return <LoadingState label={t("timeline.loading")} />;
  if (timeline.error && events.length === 0) return <Alert>{t("timeline.error")}</Alert>;
  if (events.length === 0) return <EmptyState title={t("timeline.empty")} />;
  return (
    <div className="space-y-4">
      <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="audit-timeline">
        {events.map((event) => (
          <li key={event.id} className="relative">
            <span aria-hidden className="absolute -left-[1.63rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-600" />
            <p className="text-sm">
              <span className="font-semibold" data-testid="timeline-action">
                {actionLabel(event.action)}
              </span>{" "}
              <span className="text-slate-600">
                {t("timeline.by", { name: event.actorName ?? t("timeline.system") })}
                {event.actorRole ? ` · ${t("timeline.asRole", { role: roleLabel(event.actorRole) })}` : ""}
              </span>
            </p>
            <p className="text-xs text-slate-600">
              <time dateTime={new Date(event.createdAt).toISOString()}>
                {format.dateTime(new Date(event.createdAt), { dateStyle: "medium", timeStyle: "medium" })}
              </time>
              {" · "}
              {t("timeline.event", { id: event.id })}
            </p>
            {event.reason ? (
              <p className="mt-1 text-sm">
                <span className="font-medium">{t("timeline.reason")}:</span> {event.reason}
              </p>
            ) : null}
            {event.changes.length > 0 ? (
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-slate-700">{t("timeline.changes")}</summary>
                <table className="mt-1 text-left text-xs">
                  <thead>
                    <tr className="text-slate-600">
                      <th scope="col" className="pr-3 font-medium">
                        {t("timeline.field")}
                      </th>
                      <th scope="col" className="pr-3 font-medium">
                        {t("timeline.before")}
                      </th>
                      <th scope="col" className="font-medium">
                        {t("timeline.after")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {event.changes.map((change) => (
                      <tr key={change.field}>
                        <th scope="row" className="pr-3 font-normal text-slate-700">
                          {change.field}
                        </th>
                        <td className="max-w-xs break-words pr-3 font-mono">{formatValue(change.before)}</td>
                        <td className="max-w-xs break-words font-mono">{formatValue(change.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {timeline.error ? <Alert>{t("timeline.error")}</Alert> : null}
      {timeline.hasNextPage ? (
        <Button variant="secondary" size="sm" disabled={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
          {timeline.isFetchingNextPage ? t("timeline.loading") : t("timeline.loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
