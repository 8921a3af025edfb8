import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { comments, flags } from "@/db/schema/participation";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { can, effectiveRole, type Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { afterRowWithId } from "@/server/pagination/cursor";
import type { ThreadVisibility } from "@/shared/domain-values";
import type { ThreadRef } from "./comment-schemas";
import { MAX_COMMENT_DEPTH, participationConfig } from "./participation-config";
import { assertMayPost, assertNotBlocked } from "./posting-guard";
import { authorizeThreadRead, authorizeThreadWrite, type ResolvedThread, resolveThread, writeRefusal } from "./thread-access";

/** What a reader sees of one comment; the text is withheld when deleted or hidden (moderators excepted). */
export type ThreadComment = {
  id: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  author: { id: string; name: string; role: Role };
  /** Null when deleted, or hidden and the viewer is not a moderator. */
  body: string | null;
  state: "visible" | "deleted" | "hidden" | "pending_review";
  moderationReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  isOwn: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReply: boolean;
  canFlag: boolean;
  flaggedByViewer: boolean;
};

export type WriteRefusal = "sign_in" | "closed" | "not_allowed";

export type ThreadPage = {
  /** Top-level comments of this page, each followed by its replies in thread order (oldest first). */
  comments: ThreadComment[];
  nextCursor: string | null;
  thread: {
    visibility: ThreadVisibility;
    /** Null when the viewer may post; otherwise why not, as a code the page translates. */
    writeRefusal: WriteRefusal | null;
    postingBlockedReason: string | null;
    canModerate: boolean;
    signedIn: boolean;
    maxDepth: number;
    editWindowMinutes: number;
  };
};

const commentColumns = {
  id: comments.id,
  parentId: comments.parentId,
  rootId: comments.rootId,
  depth: comments.depth,
  authorId: comments.authorId,
  authorName: users.name,
  authorGlobalRole: users.globalRole,
  authorCityRole: memberships.role,
  body: comments.body,
  moderationState: comments.moderationState,
  moderationReason: comments.moderationReason,
  deletedAt: comments.deletedAt,
  editedAt: comments.editedAt,
  createdAt: comments.createdAt,
};

function threadWhere(thread: ResolvedThread) {
  return and(
    eq(comments.assessmentId, thread.assessmentId),
    eq(comments.targetType, thread.targetType),
    eq(comments.targetKey, thread.targetKey),
    eq(comments.visibility, thread.visibility),
  );
}

/**
 * One page of a thread: up to `limit` top-level comments after the cursor (oldest first), with all
 * their replies, in two indexed queries whatever the thread's size. Oldest first means comments
 * posted while a reader pages through land after the cursor: nothing is skipped or repeated.
 */
export async function listThread(
  db: Db,
  userId: string | null,
  input: ThreadRef & { cursor?: string | null; limit: number },
): Promise<ThreadPage> {
  const thread = await resolveThread(db, input);
  const access = await authorizeThreadRead(db, userId, thread);
  const canModerate = Boolean(access && can(access.role, "moderation:act"));
  const authorMembership = and(
    eq(memberships.userId, comments.authorId),
    eq(memberships.cityId, thread.cityId),
    isNull(memberships.revokedAt),
  );

  const roots = await db
    .select(commentColumns)
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(memberships, authorMembership)
    .where(
      and(
        threadWhere(thread),
        eq(comments.depth, 0),
        input.cursor ? afterRowWithId(comments, comments.createdAt, comments.id, input.cursor, "asc") : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(input.limit + 1);
  const hasMore = roots.length > input.limit;
  const pageRoots = roots.slice(0, input.limit);
  const rootIds = pageRoots.map((r) => r.id);

  const replies = rootIds.length
    ? await db
        .select(commentColumns)
        .from(comments)
        .innerJoin(users, eq(users.id, comments.authorId))
        .leftJoin(memberships, authorMembership)
        .where(and(inArray(comments.rootId, rootIds), gt(comments.depth, 0)))
        .orderBy(asc(comments.createdAt), asc(comments.id))
    : [];

  const flagged = new Set<string>();
  if (userId && rootIds.length) {
    const ids = [...rootIds, ...replies.map((r) => r.id)];
    const mine = await db
      .select({ targetId: flags.targetId })
      .from(flags)
      .where(and(eq(flags.userId, userId), eq(flags.targetType, "comment"), inArray(flags.targetId, ids)));
    for (const f of mine) flagged.add(f.targetId);
  }

  const [blocked] = userId
    ? await db.select({ reason: users.postingBlockedReason, at: users.postingBlockedAt }).from(users).where(eq(users.id, userId)).limit(1)
    : [];
  const refusal = writeRefusalCode(writeRefusal(access, userId, thread), thread);
  const postingBlockedReason = blocked?.at ? (blocked.reason ?? "") : null;
  const config = participationConfig();
  const mayWrite = refusal === null && postingBlockedReason === null;
  const now = Date.now();

  const present = (row: (typeof roots)[number]): ThreadComment => {
    const isOwn = row.authorId === userId;
    const deleted = row.deletedAt !== null;
    const state: ThreadComment["state"] = deleted
      ? "deleted"
      : row.moderationState === "hidden"
        ? "hidden"
        : row.moderationState === "auto_hidden"
          ? "pending_review"
          : "visible";
    const withinEditWindow = now - row.createdAt.getTime() <= config.commentEditWindowMinutes * 60_000;
    return {
      id: row.id,
      parentId: row.parentId,
      rootId: row.rootId ?? row.id,
      depth: row.depth,
      author: { id: row.authorId, name: row.authorName, role: effectiveRole(row.authorGlobalRole ?? null, row.authorCityRole ?? null) },
      body: state === "visible" || (canModerate && !deleted) ? row.body : null,
      state,
      moderationReason: state === "hidden" ? row.moderationReason : null,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      isOwn,
      canEdit: isOwn && mayWrite && state === "visible" && withinEditWindow,
      canDelete: isOwn && !deleted,
      canReply: mayWrite && state === "visible" && row.depth < MAX_COMMENT_DEPTH,
      canFlag: Boolean(userId) && !isOwn && state === "visible" && !flagged.has(row.id),
      flaggedByViewer: flagged.has(row.id),
    };
  };

  const repliesByRoot = new Map<string, ThreadComment[]>();
  for (const reply of replies) {
    const list = repliesByRoot.get(reply.rootId!) ?? [];
    list.push(present(reply));
    repliesByRoot.set(reply.rootId!, list);
  }
  return {
    comments: pageRoots.flatMap((root) => [present(root), ...orderReplies(root.id, repliesByRoot.get(root.id) ?? [])]),
    nextCursor: hasMore ? pageRoots[pageRoots.length - 1].id : null,
    thread: {
      visibility: thread.visibility,
      writeRefusal: refusal,
      postingBlockedReason,
      canModerate,
      signedIn: Boolean(userId),
      maxDepth: MAX_COMMENT_DEPTH,
      editWindowMinutes: config.commentEditWindowMinutes,
    },
  };
}

function writeRefusalCode(refusal: DomainError | null, thread: ResolvedThread): WriteRefusal | null {
  if (!refusal) return null;
  if (refusal.code === "UNAUTHORIZED") return "sign_in";
  if (thread.visibility === "public" && thread.publicReadable && !thread.publicWritable) return "closed";
  return "not_allowed";
}

/** Depth-first: each reply directly under its parent, siblings oldest first (input is oldest first). */
function orderReplies(rootId: string, replies: ThreadComment[]): ThreadComment[] {
  const children = new Map<string, ThreadComment[]>();
  for (const r of replies) {
    const list = children.get(r.parentId ?? rootId) ?? [];
    list.push(r);
    children.set(r.parentId ?? rootId, list);
  }
  const out: ThreadComment[] = [];
  const walk = (parentId: string) => {
    for (const child of children.get(parentId) ?? []) {
      out.push(child);
      walk(child.id);
    }
  };
  walk(rootId);
  return out;
}

export async function postComment(
  db: Db,
  userId: string | null,
  input: ThreadRef & { parentId?: string | null; body: string },
): Promise<{ id: string }> {
  const thread = await resolveThread(db, input);
  const role = await authorizeThreadWrite(db, userId, thread);
  const authorId = userId!;
  let depth = 0;
  let rootId: string | null = null;
  if (input.parentId) {
    const [parent] = await db.select().from(comments).where(eq(comments.id, input.parentId)).limit(1);
    const sameThread =
      parent &&
      parent.assessmentId === thread.assessmentId &&
      parent.targetType === thread.targetType &&
      parent.targetKey === thread.targetKey &&
      parent.visibility === thread.visibility;
    if (!sameThread) throw new DomainError("NOT_FOUND", "The comment you reply to is not in this discussion.");
    if (parent.deletedAt || parent.moderationState !== "ok") {
      throw new DomainError("BAD_REQUEST", "You cannot reply to a comment that was deleted or hidden.");
    }
    if (parent.depth >= MAX_COMMENT_DEPTH) {
      throw new DomainError(
        "BAD_REQUEST",
        `Replies nest ${MAX_COMMENT_DEPTH} levels deep at most: reply to an earlier comment in this branch.`,
      );
    }
    depth = parent.depth + 1;
    rootId = parent.rootId ?? parent.id;
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await assertMayPost(tx, authorId);
    await tx.insert(comments).values({
      id,
      cityId: thread.cityId,
      assessmentId: thread.assessmentId,
      targetType: thread.targetType,
      targetKey: thread.targetKey,
      evidenceId: thread.evidenceId,
      visibility: thread.visibility,
      parentId: input.parentId ?? null,
      rootId: rootId ?? id,
      depth,
      authorId,
      body: input.body,
    });
    await recordAuditEvent(tx, {
      actorId: authorId,
      actorRole: role,
      action: "comment.post",
      entityType: "comment",
      entityId: id,
      cityId: thread.cityId,
      assessmentId: thread.assessmentId,
      after: {
        targetType: thread.targetType,
        targetKey: thread.targetKey,
        visibility: thread.visibility,
        parentId: input.parentId ?? null,
        body: input.body,
      },
    });
  });
  return { id };
}

type CommentRow = typeof comments.$inferSelect;

/** Loads a comment and its thread, and checks the viewer may at least read it. */
async function loadOwnComment(db: DbOrTx, userId: string, commentId: string) {
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId)).limit(1);
  if (!comment) throw new DomainError("NOT_FOUND", "Comment not found.");
  const thread = await resolveThread(db, threadRefOf(comment));
  const access = await authorizeThreadRead(db, userId, thread);
  if (comment.authorId !== userId) throw new DomainError("FORBIDDEN", "Only the author can change a comment.");
  return { comment, thread, role: access!.role };
}

export function threadRefOf(comment: Pick<CommentRow, "assessmentId" | "targetType" | "targetKey" | "visibility">): ThreadRef {
  return {
    assessmentId: comment.assessmentId,
    targetType: comment.targetType,
    targetKey: comment.targetKey,
    visibility: comment.visibility,
  };
}

/** Authors fix their words within the edit window; the comment then shows an "edited" mark. */
export async function editComment(db: Db, userId: string, input: { commentId: string; body: string }, now = new Date()): Promise<void> {
  const { comment, thread } = await loadOwnComment(db, userId, input.commentId);
  const role = await authorizeThreadWrite(db, userId, thread);
  if (comment.deletedAt) throw new DomainError("CONFLICT", "This comment was deleted.");
  if (comment.moderationState !== "ok") throw new DomainError("FORBIDDEN", "A moderator hid this comment: it can no longer be edited.");
  const windowMinutes = participationConfig().commentEditWindowMinutes;
  if (now.getTime() - comment.createdAt.getTime() > windowMinutes * 60_000) {
    throw new DomainError("FORBIDDEN", `Comments can be edited for ${windowMinutes} minutes after posting.`);
  }
  await db.transaction(async (tx) => {
    await assertNotBlocked(tx, userId);
    await tx.update(comments).set({ body: input.body, editedAt: now }).where(eq(comments.id, comment.id));
    await recordAuditEvent(tx, {
      actorId: userId,
      actorRole: role,
      action: "comment.edit",
      entityType: "comment",
      entityId: comment.id,
      cityId: comment.cityId,
      assessmentId: comment.assessmentId,
      before: { body: comment.body },
      after: { body: input.body },
    });
  });
}

/** Deleting leaves a "deleted" placeholder so replies keep their place; the text stays in the audit trail. */
export async function deleteComment(db: Db, userId: string, input: { commentId: string }): Promise<void> {
  const { comment, role } = await loadOwnComment(db, userId, input.commentId);
  if (comment.deletedAt) return;
  await db.transaction(async (tx) => {
    await tx
      .update(comments)
      .set({ deletedAt: new Date() })
      .where(and(eq(comments.id, comment.id), isNull(comments.deletedAt)));
    await recordAuditEvent(tx, {
      actorId: userId,
      actorRole: role,
      action: "comment.delete",
      entityType: "comment",
      entityId: comment.id,
      cityId: comment.cityId,
      assessmentId: comment.assessmentId,
      before: { body: comment.body },
    });
  });
}

/** Used by moderation and flags: the role a comment's reader has, through the same thread rules. */
export async function authorizeCommentRead(db: DbOrTx, userId: string, comment: CommentRow) {
  const thread = await resolveThread(db, threadRefOf(comment));
  return authorizeThreadRead(db, userId, thread);
}
