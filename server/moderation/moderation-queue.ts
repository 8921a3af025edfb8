import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema/identity";
import { comments, feedback, flags } from "@/db/schema/participation";
import { outranks } from "@/server/auth/permissions";
import { cursorPart, cursorTimestamp, defineCursor } from "@/server/pagination/cursor";
import { FLAG_TARGET_TYPES, type FlagReason } from "@/shared/domain-values";
import type { ModerationQueueFilter, QueueView } from "./moderation-schemas";
import { loadModerationTargets, type ModerationTarget, moderatorRoles, targetKey } from "./moderation-targets";

export type QueueFlag = {
  reason: FlagReason;
  note: string | null;
  flaggedBy: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolution: string | null;
};

export type QueueItem = ModerationTarget & {
  firstFlaggedAt: Date;
  openFlagCount: number;
  flags: QueueFlag[];
  moderatedByName: string | null;
  /** False when the author's role equals or outranks the moderator's in that city. */
  canAct: boolean;
};

/** (first flag time as exact database text, target type, target id). */
const queueCursor = defineCursor(z.tuple([cursorPart.timestamp, cursorPart.oneOf(FLAG_TARGET_TYPES), cursorPart.uuid]));

/**
 * The technical expert group's queue across all cities: every flagged item once, oldest first by
 * its first flag. `pending` has open flags, `reviewed` has all flags resolved, `all` both. The key
 * (first flag time as exact database text, type, id) never changes, so pages stay stable.
 */
export async function listModerationQueue(
  db: Db,
  actorId: string,
  input: { view: QueueView; cursor?: string | null; limit: number } & Partial<ModerationQueueFilter>,
): Promise<{ items: QueueItem[]; nextCursor: string | null; pendingCount: number }> {
  const firstFlagged = sql`min(${flags.createdAt})`;
  const openFlags = sql`count(*) filter (where ${flags.resolvedAt} is null)`;
  const having: SQL[] = [];
  if (input.view === "pending") having.push(sql`${openFlags} > 0`);
  if (input.view === "reviewed") having.push(sql`${openFlags} = 0`);
  if (input.reason) having.push(sql`bool_or(${flags.reason} = ${input.reason})`);
  const where = filterConditions(input);
  const cursor = queueCursor.decode(input.cursor);
  if (cursor) {
    const [firstFlaggedAt, targetType, targetId] = cursor;
    having.push(
      sql`(${firstFlagged}, ${flags.targetType}, ${flags.targetId}) > (${firstFlaggedAt}::timestamptz, ${targetType}::flag_target, ${targetId}::uuid)`,
    );
  }
  const keys = await db
    .select({
      targetType: flags.targetType,
      targetId: flags.targetId,
      firstFlaggedAt: cursorTimestamp(firstFlagged),
      firstFlaggedDate: sql<Date>`${firstFlagged}`.mapWith(flags.createdAt),
      openFlagCount: sql<number>`(${openFlags})::int`,
    })
    .from(flags)
    .where(where.length ? and(...where) : undefined)
    .groupBy(flags.targetType, flags.targetId)
    .having(having.length ? and(...having) : undefined)
    .orderBy(firstFlagged, asc(flags.targetType), asc(flags.targetId))
    .limit(input.limit + 1);
  const page = keys.slice(0, input.limit);

  const [targets, flagRows, roleIn, pending] = await Promise.all([
    loadModerationTargets(
      db,
      page.map((k) => ({ targetType: k.targetType, targetId: k.targetId })),
    ),
    page.length
      ? db
          .select({
            targetType: flags.targetType,
            targetId: flags.targetId,
            reason: flags.reason,
            note: flags.note,
            flaggedBy: users.name,
            createdAt: flags.createdAt,
            resolvedAt: flags.resolvedAt,
            resolution: flags.resolution,
          })
          .from(flags)
          .innerJoin(users, eq(users.id, flags.userId))
          .where(
            inArray(
              flags.targetId,
              page.map((k) => k.targetId),
            ),
          )
          .orderBy(asc(flags.createdAt))
      : Promise.resolve([]),
    moderatorRoles(db, actorId),
    db
      .select({ n: count() })
      .from(
        db
          .select({ t: flags.targetId })
          .from(flags)
          .where(sql`${flags.resolvedAt} is null`)
          .groupBy(flags.targetType, flags.targetId)
          .as("open_targets"),
      ),
  ]);
  const moderatorIds = [...new Set([...targets.values()].map((t) => t.moderatedBy).filter((id): id is string => Boolean(id)))];
  const moderatorNames = moderatorIds.length
    ? new Map(
        (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, moderatorIds))).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();

  const items: QueueItem[] = [];
  for (const key of page) {
    const target = targets.get(targetKey(key.targetType, key.targetId));
    if (!target) continue;
    items.push({
      ...target,
      firstFlaggedAt: key.firstFlaggedDate,
      openFlagCount: Number(key.openFlagCount),
      flags: flagRows
        .filter((f) => f.targetType === key.targetType && f.targetId === key.targetId)
        .map(({ reason, note, flaggedBy, createdAt, resolvedAt, resolution }) => ({
          reason,
          note,
          flaggedBy,
          createdAt,
          resolvedAt,
          resolution,
        })),
      moderatedByName: target.moderatedBy ? (moderatorNames.get(target.moderatedBy) ?? null) : null,
      canAct: outranks(roleIn(target.cityId), target.author.role),
    });
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: keys.length > input.limit && last ? queueCursor.encode([last.firstFlaggedAt, last.targetType, last.targetId]) : null,
    pendingCount: Number(pending[0]?.n ?? 0),
  };
}

/**
 * The row filters of the queue: city and kind on the flags themselves (every flag of an item has
 * the item's city and type), the text search on the item and its author through EXISTS, so the
 * grouping, the order and the cursor stay those of the unfiltered queue.
 */
function filterConditions(filter: Partial<ModerationQueueFilter>): SQL[] {
  const conditions: SQL[] = [];
  if (filter.cityId) conditions.push(eq(flags.cityId, filter.cityId));
  if (filter.kind) conditions.push(eq(flags.targetType, filter.kind));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(sql`(
      (${flags.targetType} = 'comment' and exists (
        select 1 from ${comments} join ${users} on ${users.id} = ${comments.authorId}
        where ${comments.id} = ${flags.targetId} and (${comments.body} ilike ${pattern} or ${users.name} ilike ${pattern})))
      or (${flags.targetType} = 'feedback' and exists (
        select 1 from ${feedback} join ${users} on ${users.id} = ${feedback.authorId}
        where ${feedback.id} = ${flags.targetId}
          and (${feedback.body} ilike ${pattern} or ${feedback.suggestion} ilike ${pattern} or ${users.name} ilike ${pattern})))
    )`);
  }
  return conditions;
}
