"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";

/** Users blocked from posting, with the justification, and a way to lift the block. */
export function BlockedUsersList() {
  const t = useTranslations("participation.moderation.blockedUsers");
  const tToast = useTranslations("common.toast");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useInfiniteQuery(
    trpc.moderation.blockedUsers.infiniteQueryOptions({ limit: 25 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const unblock = useMutation(
    trpc.moderation.unblock.mutationOptions({
      onSuccess: () => {
        toast.success(tToast("unblocked"));
        return Promise.all([
          queryClient.invalidateQueries(trpc.moderation.blockedUsers.pathFilter()),
          queryClient.invalidateQueries(trpc.moderation.queue.pathFilter()),
        ]);
      },
    }),
  );
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (query.isPending) return <LoadingState label={t("loading")} />;
  if (query.isError) return <Alert>{query.error.message}</Alert>;
  return (
    <div className="space-y-3">
      {unblock.error ? <Alert>{unblock.error.message}</Alert> : null}
      {users.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-slate-100">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
              <div>
                <p>
                  <span className="font-medium">{u.name}</span> <span className="text-slate-500">{u.email}</span>
                </p>
                <p className="text-slate-700">{t("why", { reason: u.reason ?? "", name: u.blockedBy ?? "—" })}</p>
                {u.blockedAt ? (
                  <p className="text-xs text-slate-500">{format.dateTime(u.blockedAt, { dateStyle: "medium", timeStyle: "short" })}</p>
                ) : null}
              </div>
              <ConfirmDialog
                title={t("confirm", { name: u.name })}
                confirmLabel={t("unblock")}
                tone="primary"
                onConfirm={() => unblock.mutate({ userId: u.id })}
                trigger={
                  <Button type="button" size="sm" variant="secondary" disabled={unblock.isPending}>
                    {t("unblock")}
                  </Button>
                }
              />
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button type="button" variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
