import { and, count, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { notifications } from "@/db/schema/notifications";
import { afterTimeId, cursorTimestamp, timeIdCursor, timeIdPage } from "@/server/pagination/cursor";
import type { CityRole } from "@/shared/domain-values";
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
  await tx.insert(notifications).values(
    unique.map((userId) => ({
      userId,
      cityId: message.cityId,
      kind: message.kind,
      params: message.params,
      href: message.href,
    })),
  );
  return unique.length;
}

/** Active members of a city, optionally only some roles. */
export async function cityMemberIds(tx: DbOrTx, cityId: string, roles?: readonly CityRole[]): Promise<string[]> {
  const conditions: SQL[] = [eq(memberships.cityId, cityId), isNull(memberships.revokedAt)];
  if (roles) conditions.push(inArray(memberships.role, [...roles]));
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(...conditions));
  return rows.map((r) => r.userId);
}

/** The technical expert group spans all cities: every user with the global expert role. */
export async function expertIds(tx: DbOrTx): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.globalRole, "expert"));
  return rows.map((r) => r.id);
}

/** Newest first; served by notifications_user_idx (user_id, created_at). */
export async function listNotifications(
  db: DbOrTx,
  userId: string,
  options: { cursor?: string | null; limit: number; unreadOnly: boolean },
) {
  const conditions: SQL[] = [eq(notifications.userId, userId)];
  if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
  const cursor = timeIdCursor.decode(options.cursor);
  if (cursor) conditions.push(afterTimeId(notifications.createdAt, notifications.id, cursor, "desc"));
  const rows = await db
    .select({
      id: notifications.id,
      cityId: notifications.cityId,
      kind: notifications.kind,
      params: notifications.params,
      href: notifications.href,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      cursorAt: cursorTimestamp(notifications.createdAt),
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
  const page = timeIdPage(rows, options.limit);
  return { items: page.items.map((r) => ({ ...r, params: (r.params ?? {}) as NotificationParams })), nextCursor: page.nextCursor };
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
