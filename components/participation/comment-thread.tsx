"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { nextCursorPage } from "@/components/providers/query-client";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { ThreadComment, ThreadPage } from "@/server/comments/comment-threads";
import type { CommentTargetType, ThreadVisibility } from "@/shared/domain-values";
import { CommentForm, type ThreadRefProps } from "./comment-form";
import { CommentNode, type TreeNode } from "./comment-node";
import { commentListInput } from "./participation-query-inputs";
import { PostingBlockedBanner } from "./posting-blocked-banner";

/**
 * A discussion thread, embeddable anywhere (consultation pages, the public city page, the evidence
 * review page). The server decides who may read and write from the thread itself:
 *
 *   <CommentThread assessmentId={a.id} targetType="assessment" targetKey={a.id} />
 *   <CommentThread assessmentId={a.id} targetType="characteristic" targetKey="funding" />
 *   <CommentThread assessmentId={e.assessmentId} targetType="evidence" targetKey={e.id} />
 *
 * `visibility` defaults to the server's choice: evidence threads are internal; other threads are
 * public on published assessments and internal otherwise. Pass `visibility="public"` for the public
 * discussion of an open consultation on a draft.
 */
export type CommentThreadProps = {
  assessmentId: string;
  targetType: CommentTargetType;
  /** The assessment id, a characteristic key, or an evidence id, matching `targetType`. */
  targetKey: string;
  visibility?: ThreadVisibility;
  /** Heading shown above the thread; defaults to "Discussion". */
  title?: string;
  /** Heading level of the title, to fit the embedding page's outline. */
  headingLevel?: 2 | 3;
  /** Top-level comments per page. */
  pageSize?: number;
};

function buildTree(comments: ThreadComment[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const comment of comments) nodes.set(comment.id, { comment, children: [] });
  for (const comment of comments) {
    const node = nodes.get(comment.id)!;
    const parent = comment.parentId ? nodes.get(comment.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function CommentThread({
  assessmentId,
  targetType,
  targetKey,
  visibility,
  title,
  headingLevel = 2,
  pageSize = 20,
}: CommentThreadProps) {
  const t = useTranslations("participation.thread");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const query = useInfiniteQuery(
    trpc.comments.list.infiniteQueryOptions(
      commentListInput({ assessmentId, targetType, targetKey, visibility }, pageSize),
      nextCursorPage,
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.comments.list.pathFilter());
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const pages = query.data?.pages ?? [];
  const thread = pages[0]?.thread;
  const comments = pages.flatMap((p) => p.comments);
  const ref = { assessmentId, targetType, targetKey, visibility };

  return (
    <section aria-labelledby={headingId} className="space-y-4" data-testid="comment-thread" data-assessment-id={assessmentId}>
      <div className="flex flex-wrap items-center gap-2">
        <Heading id={headingId}>{title ?? t("title")}</Heading>
        {thread ? <Badge tone={thread.visibility === "public" ? "blue" : "amber"}>{t(`visibility.${thread.visibility}`)}</Badge> : null}
      </div>
      {query.isPending ? (
        <LoadingState label={t("loading")} />
      ) : query.isError ? (
        <Alert>
          {t("loadError")} <span className="text-xs">({query.error.message})</span>
        </Alert>
      ) : (
        <>
          {comments.length === 0 ? (
            <EmptyState title={t("empty")} />
          ) : (
            <ol className="space-y-3">
              {buildTree(comments).map((node) => (
                <CommentNode key={node.comment.id} node={node} thread={thread!} threadRef={ref} onChanged={refresh} />
              ))}
            </ol>
          )}
          {query.hasNextPage ? (
            <Button type="button" variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
            </Button>
          ) : null}
          {thread ? <NewCommentArea thread={thread} threadRef={ref} onPosted={refresh} /> : null}
        </>
      )}
    </section>
  );
}

function NewCommentArea({
  thread,
  threadRef,
  onPosted,
}: {
  thread: ThreadPage["thread"];
  threadRef: ThreadRefProps;
  onPosted: () => void;
}) {
  const t = useTranslations("participation.thread");
  if (thread.postingBlockedReason !== null) return <PostingBlockedBanner reason={thread.postingBlockedReason} />;
  if (thread.writeRefusal === "sign_in") {
    return (
      <p className="text-sm text-slate-700">
        <Link href="/sign-in">{t("signInToComment")}</Link>
      </p>
    );
  }
  if (thread.writeRefusal) return <p className="text-sm text-slate-600">{t(`refusal.${thread.writeRefusal}`)}</p>;
  return <CommentForm threadRef={threadRef} label={t("newComment")} submitLabel={t("post")} onDone={onPosted} />;
}
