"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/states";
import type { ThreadComment, ThreadPage } from "@/server/comments/comment-threads";
import { CommentForm, EditForm, type ThreadRefProps } from "./comment-form";
import { FlagControl } from "./flag-form";
import { LinkifiedText } from "./linkified-text";

export type TreeNode = { comment: ThreadComment; children: TreeNode[] };

/** One comment with its actions (reply, edit, delete, flag) and, nested below, its replies. */
export function CommentNode({
  node,
  thread,
  threadRef,
  onChanged,
}: {
  node: TreeNode;
  thread: ThreadPage["thread"];
  threadRef: ThreadRefProps;
  onChanged: () => void;
}) {
  const t = useTranslations("participation.thread");
  const tRoles = useTranslations("common.roles");
  const tToast = useTranslations("common.toast");
  const format = useFormatter();
  const trpc = useTRPC();
  const [mode, setMode] = useState<"view" | "reply" | "edit">("view");
  const [flagged, setFlagged] = useState(false);
  const remove = useMutation(
    trpc.comments.delete.mutationOptions({
      onSuccess: () => {
        toast.success(tToast("commentDeleted"));
        onChanged();
      },
    }),
  );
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
              <ConfirmDialog
                title={t("confirmDelete")}
                confirmLabel={t("delete")}
                onConfirm={() => remove.mutate({ commentId: comment.id })}
                trigger={
                  <Button type="button" size="sm" variant="ghost" disabled={remove.isPending}>
                    {t("delete")}
                  </Button>
                }
              />
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
