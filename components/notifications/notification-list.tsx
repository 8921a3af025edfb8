"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { nextCursorPage } from "@/components/providers/query-client";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { isNotificationKind, type NotificationParams } from "@/server/notifications/notification-kinds";
import { notificationListInput } from "./notification-query-inputs";

/** Defaults so a message never fails to render when an older row lacks a parameter. */
function messageValues(params: NotificationParams) {
  return { cityName: "", cycle: "", evidenceTitle: "", reason: "", actorName: "", approvals: 0, required: 1, ...params };
}

/** The signed-in user's notifications, newest first, with read state. */
export function NotificationList() {
  const t = useTranslations("notifications");
  const format = useFormatter();
  // An explicit "now" for relative times (next-intl warns ENVIRONMENT_FALLBACK without one); ticks each minute.
  const now = useNow({ updateInterval: 60_000 });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(trpc.notifications.list.infiniteQueryOptions(notificationListInput(unreadOnly), nextCursorPage));
  const refresh = () => queryClient.invalidateQueries(trpc.notifications.pathFilter());
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyUnread = items.some((n) => !n.readAt);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} className="h-4 w-4" />
          {t("unreadOnly")}
        </label>
        <Button variant="secondary" size="sm" disabled={!anyUnread || markAll.isPending} onClick={() => markAll.mutate()}>
          {t("markAllRead")}
        </Button>
      </div>
      {list.isLoading ? (
        <LoadingState label={t("loading")} />
      ) : list.error ? (
        <Alert>{t("error")}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? t("emptyUnread") : t("empty")} />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="notification-list">
          {items.map((n) => {
            const text = isNotificationKind(n.kind) ? t(`kinds.${n.kind}`, messageValues(n.params)) : t("kinds.unknown");
            return (
              <li key={n.id} className={`flex flex-wrap items-start justify-between gap-3 p-4 ${n.readAt ? "" : "bg-brand-50"}`}>
                <div className="min-w-0 flex-1">
                  <p className="text-sm">
                    {!n.readAt ? (
                      <span className="mr-2">
                        <Badge tone="blue">{t("unread")}</Badge>
                      </span>
                    ) : null}
                    {text}
                  </p>
                  <p className="mt-1 text-xs text-slate-600">
                    {/* "3 minutes ago" may turn "4 minutes ago" between the server's render and hydration. */}
                    <time dateTime={new Date(n.createdAt).toISOString()} suppressHydrationWarning>
                      {format.relativeTime(new Date(n.createdAt), now)}
                    </time>
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {n.href ? (
                    <Button asChild size="sm" variant="secondary">
                      <Link href={n.href} onClick={() => (!n.readAt ? markRead.mutate({ ids: [n.id] }) : undefined)}>
                        {t("open")}
                      </Link>
                    </Button>
                  ) : null}
                  {!n.readAt ? (
                    <Button size="sm" variant="ghost" disabled={markRead.isPending} onClick={() => markRead.mutate({ ids: [n.id] })}>
                      {t("markRead")}
                    </Button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button variant="secondary" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
