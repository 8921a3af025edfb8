import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { notifications } from "@/db/schema/notifications";
import { comments, feedback, flags } from "@/db/schema/participation";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { effectiveRole, outranks, ROLE_RANK, type Role } from "@/server/auth/permissions";
import { endAllSessions } from "@/server/auth/session-version";
import { DomainError } from "@/server/errors/domain-error";
import { afterRowWithId } from "@/server/pagination/cursor";
import type { ModerationItemRef } from "./moderation-schemas";
import { loadModerationTargets, moderatorRoles, targetKey } from "./moderation-targets";

export type ModerationAction = "hide" | "restore" | "dismiss";

const RESOLUTION: Record<ModerationAction, string> = { hide: "hidden", restore: "restored", dismiss: "dismissed" };

/**
 * Hide (a reason shows in place of the text), restore, or dismiss the flags of several items, all in
 * one transaction: either every item changes or none does. The text itself is never erased, so
 * moderators and the audit trail keep it. A moderator may act only on authors they outrank in
 * the item's city (an expert never on an admin's or another expert's words).
 */
export async function moderateItems(
  db: Db,
  actorId: string,
  action: ModerationAction,
  input: { items: readonly ModerationItemRef[]; reason?: string },
  now = new Date(),
): Promise<{ updated: number }> {
  if (action === "hide" && !input.reason) {
    throw new DomainError("BAD_REQUEST", "Give the reason readers will see in place of the text.", {
      fieldErrors: { reason: ["Give a reason."] },
    });
  }
  const refs = uniqueRefs(input.items);
  return db.transaction(async (tx) => {
    const targets = await loadModerationTargets(tx, refs);
    const missing = refs.filter((r) => !targets.has(targetKey(r.targetType, r.targetId)));
    if (missing.length) throw new DomainError("NOT_FOUND", "Some selected items no longer exist.", { details: { missing } });
    const roleIn = await moderatorRoles(tx, actorId);
    const refused = [...targets.values()].filter((t) => !outranks(roleIn(t.cityId), t.author.role));
    if (refused.length) {
      throw new DomainError(
        "FORBIDDEN",
        `You cannot moderate what someone of equal or higher rank wrote (${refused.map((t) => `${t.author.name}, ${t.author.role}`).join("; ")}). Nothing was changed.`,
        { details: { refused: refused.map((t) => ({ targetType: t.targetType, targetId: t.id, authorRole: t.author.role })) } },
      );
    }
    for (const target of targets.values()) {
      const nextState =
        action === "hide"
          ? "hidden"
          : action === "restore"
            ? "ok"
            : target.moderationState === "auto_hidden"
              ? "ok"
              : target.moderationState;
      const nextReason = action === "hide" ? input.reason! : nextState === "ok" ? null : target.moderationReason;
      const changes = {
        moderationState: nextState,
        moderationReason: nextReason,
        moderatedBy: actorId,
        moderatedAt: now,
        flagCount: 0,
      } as const;
      if (target.targetType === "comment") await tx.update(comments).set(changes).where(eq(comments.id, target.id));
      else await tx.update(feedback).set(changes).where(eq(feedback.id, target.id));
      await recordAuditEvent(tx, {
        actorId,
        actorRole: roleIn(target.cityId),
        action: `${target.targetType}.${action === "dismiss" ? "dismiss_flags" : action}`,
        entityType: target.targetType,
        entityId: target.id,
        cityId: target.cityId,
        assessmentId: target.assessmentId,
        // The text goes into the trail too: hidden words stay on record.
        before: {
          moderationState: target.moderationState,
          moderationReason: target.moderationReason,
          body: target.body,
          openFlags: target.flagCount,
        },
        after: { moderationState: nextState, moderationReason: nextReason },
        reason: input.reason ?? null,
      });
    }
    await resolveOpenFlags(tx, refs, RESOLUTION[action], now);
    return { updated: targets.size };
  });
}

function uniqueRefs(items: readonly ModerationItemRef[]): ModerationItemRef[] {
  const seen = new Map<string, ModerationItemRef>();
  for (const item of items) seen.set(targetKey(item.targetType, item.targetId), item);
  return [...seen.values()];
}

async function resolveOpenFlags(tx: Tx, refs: readonly ModerationItemRef[], resolution: string, now: Date) {
  for (const type of ["comment", "feedback"] as const) {
    const ids = refs.filter((r) => r.targetType === type).map((r) => r.targetId);
    if (!ids.length) continue;
    await tx
      .update(flags)
      .set({ resolvedAt: now, resolution })
      .where(and(eq(flags.targetType, type), inArray(flags.targetId, ids), isNull(flags.resolvedAt)));
  }
}

/** A user's highest role anywhere: a block is global, so the moderator must outrank all of them. */
async function highestRoles(tx: Tx, userIds: readonly string[]) {
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      globalRole: users.globalRole,
      blockedAt: users.postingBlockedAt,
      reason: users.postingBlockedReason,
      cityRole: memberships.role,
    })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.revokedAt)))
    .where(inArray(users.id, [...userIds]));
  const byId = new Map<string, { id: string; name: string; role: Role; blockedAt: Date | null; reason: string | null }>();
  for (const row of rows) {
    const role = effectiveRole(row.globalRole ?? null, row.cityRole ?? null);
    const known = byId.get(row.id);
    if (!known || ROLE_RANK[role] > ROLE_RANK[known.role])
      byId.set(row.id, { id: row.id, name: row.name, role, blockedAt: row.blockedAt, reason: row.reason });
  }
  return byId;
}

async function actorGlobalRole(tx: Tx, actorId: string): Promise<Role> {
  const [actor] = await tx.select({ globalRole: users.globalRole }).from(users).where(eq(users.id, actorId)).limit(1);
  return effectiveRole(actor?.globalRole ?? null, null);
}

/**
 * Blocks authors from posting anywhere (comments and feedback), with a written justification the
 * user is told in a notification and sees on every posting form. Already blocked users keep their
 * first block. Refused as a whole if any author equals or outranks the moderator.
 */
export async function blockUsers(
  db: Db,
  actorId: string,
  input: { userIds: readonly string[]; justification: string },
  now = new Date(),
): Promise<{ blocked: number }> {
  const userIds = [...new Set(input.userIds)];
  return db.transaction(async (tx) => {
    const actorRole = await actorGlobalRole(tx, actorId);
    const targets = await highestRoles(tx, userIds);
    if (targets.size !== userIds.length) throw new DomainError("NOT_FOUND", "Some selected users no longer exist.");
    const refused = [...targets.values()].filter((t) => !outranks(actorRole, t.role));
    if (refused.length) {
      throw new DomainError(
        "FORBIDDEN",
        `You cannot block someone of equal or higher rank (${refused.map((t) => `${t.name}, ${t.role}`).join("; ")}). Nobody was blocked.`,
        { details: { refused: refused.map((t) => ({ userId: t.id, role: t.role })) } },
      );
    }
    const toBlock = [...targets.values()].filter((t) => !t.blockedAt);
    for (const target of toBlock) {
      await tx
        .update(users)
        .set({ postingBlockedAt: now, postingBlockedReason: input.justification, postingBlockedBy: actorId })
        .where(and(eq(users.id, target.id), isNull(users.postingBlockedAt)));
      await endAllSessions(tx, target.id); // a block also ends the user's open sessions
      await recordAuditEvent(tx, {
        actorId,
        actorRole,
        action: "user.block_posting",
        entityType: "user",
        entityId: target.id,
        before: { postingBlocked: false },
        after: { postingBlocked: true, targetRole: target.role },
        reason: input.justification,
      });
    }
    await notifyPostingChange(
      tx,
      toBlock.map((t) => t.id),
      "posting_blocked",
      { reason: input.justification },
      now,
    );
    return { blocked: toBlock.length };
  });
}

export async function unblockUser(db: Db, actorId: string, input: { userId: string }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const actorRole = await actorGlobalRole(tx, actorId);
    const target = (await highestRoles(tx, [input.userId])).get(input.userId);
    if (!target) throw new DomainError("NOT_FOUND", "User not found.");
    if (!outranks(actorRole, target.role)) throw new DomainError("FORBIDDEN", "You cannot unblock someone of equal or higher rank.");
    if (!target.blockedAt) throw new DomainError("CONFLICT", "This user is not blocked.");
    await tx
      .update(users)
      .set({ postingBlockedAt: null, postingBlockedReason: null, postingBlockedBy: null })
      .where(eq(users.id, target.id));
    await recordAuditEvent(tx, {
      actorId,
      actorRole,
      action: "user.unblock_posting",
      entityType: "user",
      entityId: target.id,
      before: { postingBlocked: true, reason: target.reason },
      after: { postingBlocked: false },
    });
    await notifyPostingChange(tx, [target.id], "posting_unblocked", {}, now);
  });
}

/**
 * Written straight to the notifications table: the notifications module's kinds list belongs to
 * another slice, and these two kinds (`posting_blocked`, `posting_unblocked`) are ours.
 */
async function notifyPostingChange(
  tx: Tx,
  userIds: readonly string[],
  kind: "posting_blocked" | "posting_unblocked",
  params: { reason?: string },
  now: Date,
) {
  if (!userIds.length) return;
  await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, cityId: null, kind, params, href: "/consultations", createdAt: now })));
}

/** Users currently blocked from posting, most recent block first. */
export async function listBlockedUsers(db: Db, input: { cursor?: string | null; limit: number }) {
  // A join on an alias: a correlated subquery written with ${users.postingBlockedBy} renders the
  // column unqualified, which inside `from users b` means b's own column, so the name came back null.
  const blocker = alias(users, "blocker");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      blockedAt: users.postingBlockedAt,
      reason: users.postingBlockedReason,
      blockedBy: blocker.name,
      blockedById: users.postingBlockedBy,
    })
    .from(users)
    .leftJoin(blocker, eq(blocker.id, users.postingBlockedBy))
    .where(
      and(
        isNotNull(users.postingBlockedAt),
        input.cursor ? afterRowWithId(users, users.postingBlockedAt, users.id, input.cursor, "desc") : undefined,
      ),
    )
    .orderBy(desc(users.postingBlockedAt), desc(users.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return { items: page, nextCursor: rows.length > input.limit ? page[page.length - 1].id : null };
}
