import { and, count, desc, eq, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { notifications } from "@/db/schema/notifications";
import type { CityRole } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { NotificationKind, NotificationParams } from "./notification-kinds";

export type NotificationMessage = {
  cityId: string | null;
  kind: NotificationKind;
  params: NotificationParams;
  /** Where the notification leads: the page on which the recipient can act. */
  href: string | null;
};

/**
 * Tells each user once. Call it inside the transaction of the write that causes it, so nobody is
 * told about something that was rolled back. The actor is never told about their own action.
 */
export async function notifyUsers(
  tx: DbOrTx,
  recipientIds: readonly string[],
  message: NotificationMessage,
  options: { exceptUserId?: string | null } = {},
): Promise<number> {
  const unique = [...new Set(recipientIds)].filter((id) => id !== options.exceptUserId);
  if (unique.length === 0) return 0;
  // Millisecond precision set here (not by now()), so the (createdAt, id) cursor survives a round
  // trip through a JavaScript Date without skipping or repeating rows.
  const createdAt = new Date();
  await tx.insert(notifications).values(
    unique.map((userId) => ({
      userId,
      cityId: message.cityId,
      kind: message.kind,
      params: message.params,
      href: message.href,
      createdAt,
    })),
  );
  return unique.length;
}

/** Active members of a city, optionally only some roles. */
export async function cityMemberIds(tx: DbOrTx, cityId: string, roles?: readonly CityRole[]): Promise<string[]> {
  const conditions: SQL[] = [eq(memberships.cityId, cityId), isNull(memberships.revokedAt)];
  if (roles) conditions.push(inArray(memberships.role, [...roles]));
  const rows = await tx.select({ userId: memberships.userId }).from(memberships).where(and(...conditions));
  return rows.map((r) => r.userId);
}

/** The technical expert group spans all cities: every user with the global expert role. */
export async function expertIds(tx: DbOrTx): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.globalRole, "expert"));
  return rows.map((r) => r.id);
}

type Cursor = { createdAt: Date; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString("base64url");
}

function decodeCursor(raw: string): Cursor {
  const [iso, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError("BAD_REQUEST", "The page cursor is not valid.", { fieldErrors: { cursor: ["Not a valid cursor."] } });
  }
  return { createdAt, id };
}

/** Newest first; served by notifications_user_idx (user_id, created_at). */
export async function listNotifications(
  db: DbOrTx,
  userId: string,
  options: { cursor?: string | null; limit: number; unreadOnly: boolean },
) {
  const conditions: SQL[] = [eq(notifications.userId, userId)];
  if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor);
    conditions.push(
      or(
        lt(notifications.createdAt, cursor.createdAt),
        and(eq(notifications.createdAt, cursor.createdAt), lt(notifications.id, cursor.id)),
      )!,
    );
  }
  const rows = await db
    .select({
      id: notifications.id,
      cityId: notifications.cityId,
      kind: notifications.kind,
      params: notifications.params,
      href: notifications.href,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit).map((r) => ({ ...r, params: (r.params ?? {}) as NotificationParams }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null };
}

export async function countUnreadNotifications(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Read state is the recipient's own inbox bookkeeping, not a change to shared data, so it is not
 * written to the audit trail. Only the owner's rows match; other ids are silently ignored.
 */
export async function markNotificationsRead(db: DbOrTx, userId: string, ids: readonly string[]): Promise<number> {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, [...ids]), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

export async function markAllNotificationsRead(db: DbOrTx, userId: string): Promise<number> {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}
