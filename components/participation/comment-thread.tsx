"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState, LoadingState } from "@/components/ui/states";
import type { ThreadComment, ThreadPage } from "@/server/comments/comment-threads";
import { commentFormSchema, type CommentTargetType, type ThreadVisibility } from "@/server/comments/comment-schemas";
import { FlagControl } from "./flag-form";
import { LinkifiedText } from "./linkified-text";
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

type TreeNode = { comment: ThreadComment; children: TreeNode[] };

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

export function CommentThread({ assessmentId, targetType, targetKey, visibility, title, headingLevel = 2, pageSize = 20 }: CommentThreadProps) {
  const t = useTranslations("participation.thread");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const input = { assessmentId, targetType, targetKey, visibility, limit: pageSize };
  const query = useInfiniteQuery(
    trpc.comments.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
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

type ThreadRefProps = { assessmentId: string; targetType: CommentTargetType; targetKey: string; visibility?: ThreadVisibility };

function NewCommentArea({ thread, threadRef, onPosted }: { thread: ThreadPage["thread"]; threadRef: ThreadRefProps; onPosted: () => void }) {
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

function CommentForm({
  threadRef,
  parentId,
  label,
  submitLabel,
  onDone,
  onCancel,
  autoFocus,
}: {
  threadRef: ThreadRefProps;
  parentId?: string;
  label: string;
  submitLabel: string;
  onDone: () => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const t = useTranslations("participation.thread");
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const post = useMutation(trpc.comments.post.mutationOptions());
  const form = useForm<z.input<typeof commentFormSchema>>({ resolver: zodResolver(commentFormSchema), defaultValues: { body: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await post.mutateAsync({ ...threadRef, parentId: parentId ?? null, body: values.body });
      form.reset({ body: "" });
      onDone();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["body"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField label={label} hint={t("plainTextHint")} autoFocus={autoFocus} error={form.formState.errors.body?.message} {...form.register("body")} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("posting") : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function EditForm({ comment, onDone, onCancel }: { comment: ThreadComment; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations("participation.thread");
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const edit = useMutation(trpc.comments.edit.mutationOptions());
  const form = useForm<z.input<typeof commentFormSchema>>({ resolver: zodResolver(commentFormSchema), defaultValues: { body: comment.body ?? "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await edit.mutateAsync({ commentId: comment.id, body: values.body });
      onDone();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["body"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField label={t("editLabel")} autoFocus error={form.formState.errors.body?.message} {...form.register("body")} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
          {t("saveEdit")}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

function CommentNode({ node, thread, threadRef, onChanged }: { node: TreeNode; thread: ThreadPage["thread"]; threadRef: ThreadRefProps; onChanged: () => void }) {
  const t = useTranslations("participation.thread");
  const tRoles = useTranslations("common.roles");
  const format = useFormatter();
  const trpc = useTRPC();
  const [mode, setMode] = useState<"view" | "reply" | "edit">("view");
  const [flagged, setFlagged] = useState(false);
  const remove = useMutation(trpc.comments.delete.mutationOptions({ onSuccess: onChanged }));
  const { comment } = node;
  const showRole = comment.author.role !== "signed_in" && comment.author.role !== "citizen";

  return (
    <li className="space-y-3" data-testid="comment" data-comment-id={comment.id}>
      <article className="rounded-lg border border-slate-200 bg-white p-3" aria-label={t("commentBy", { name: comment.author.name })}>
        <header className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium text-slate-900">{comment.author.name}</span>
          {showRole ? <Badge>{tRoles(comment.author.role)}</Badge> : null}
          <time dateTime={comment.createdAt.toISOString()} className="text-slate-500">
            {format.dateTime(comment.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </time>
          {comment.editedAt && comment.state === "visible" ? <span className="text-xs text-slate-500">{t("edited")}</span> : null}
        </header>
        <div className="mt-2 text-sm text-slate-800" data-testid="comment-body">
          {comment.state === "deleted" ? (
            <p className="italic text-slate-500">{t("deleted")}</p>
          ) : comment.state === "hidden" ? (
            <>
              <p className="italic text-slate-600">{t("hidden", { reason: comment.moderationReason ?? "" })}</p>
              {comment.body !== null ? <ModeratorCopy text={comment.body} /> : null}
            </>
          ) : comment.state === "pending_review" ? (
            <>
              <p className="italic text-slate-600">{t("pendingReview")}</p>
              {comment.body !== null ? <ModeratorCopy text={comment.body} /> : null}
            </>
          ) : mode === "edit" ? (
            <EditForm
              comment={comment}
              onCancel={() => setMode("view")}
              onDone={() => {
                setMode("view");
                onChanged();
              }}
            />
          ) : (
            <p>
              <LinkifiedText text={comment.body ?? ""} />
            </p>
          )}
        </div>
        {mode === "view" ? (
          <div className="mt-2 flex flex-wrap items-center gap-1">
            {comment.canReply ? (
              <Button type="button" size="sm" variant="ghost" onClick={() => setMode("reply")}>
                {t("reply")}
              </Button>
            ) : null}
            {comment.canEdit ? (
              <Button type="button" size="sm" variant="ghost" onClick={() => setMode("edit")}>
                {t("edit")}
              </Button>
            ) : null}
            {comment.canDelete ? (
              <Button
                type="button"
                size="sm"
                variant="ghost"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(t("confirmDelete"))) remove.mutate({ commentId: comment.id });
                }}
              >
                {t("delete")}
              </Button>
            ) : null}
            {comment.canFlag && !flagged ? (
              <FlagControl
                targetType="comment"
                targetId={comment.id}
                onFlagged={() => {
                  setFlagged(true);
                  onChanged();
                }}
              />
            ) : null}
            {comment.flaggedByViewer || flagged ? (
              <span role="status" className="text-xs text-slate-500">
                {t("flagged")}
              </span>
            ) : null}
          </div>
        ) : null}
        {remove.error ? <Alert>{remove.error.message}</Alert> : null}
        {mode === "reply" ? (
          <div className="mt-3">
            <CommentForm
              threadRef={threadRef}
              parentId={comment.id}
              label={t("replyTo", { name: comment.author.name })}
              submitLabel={t("postReply")}
              autoFocus
              onCancel={() => setMode("view")}
              onDone={() => {
                setMode("view");
                onChanged();
              }}
            />
          </div>
        ) : null}
      </article>
      {node.children.length ? (
        <ol className="space-y-3 border-l-2 border-slate-100 pl-3 sm:pl-6" aria-label={t("repliesTo", { name: comment.author.name })}>
          {node.children.map((child) => (
            <CommentNode key={child.comment.id} node={child} thread={thread} threadRef={threadRef} onChanged={onChanged} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** What moderators still see of hidden text: it stays stored and reviewable. */
function ModeratorCopy({ text }: { text: string }) {
  const t = useTranslations("participation.thread");
  return (
    <div className="mt-2 rounded border border-dashed border-amber-300 bg-amber-50 p-2">
      <p className="text-xs font-medium text-amber-900">{t("moderatorCopy")}</p>
      <p className="mt-1">
        <LinkifiedText text={text} />
      </p>
    </div>
  );
}
