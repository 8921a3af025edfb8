import { and, eq, gt, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { DomainError } from "@/server/errors/domain-error";

/**
 * Keyset cursors for lists ordered by (timestamp, id), opaque to clients. The timestamp travels as
 * PostgreSQL renders it, to the microsecond: a JS Date would cut it to milliseconds and could skip
 * or repeat rows written in the same millisecond.
 */
export type TimeIdCursor = { at: string; id: string };

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Select this beside the row to build its cursor. */
export function cursorTimestamp(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(cursor: TimeIdCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | null | undefined): TimeIdCursor | null {
  if (!value) return null;
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!at || !id || !TIMESTAMP_TEXT.test(at) || !UUID.test(id)) {
    throw new DomainError("BAD_REQUEST", "This list position is no longer valid; reload the list.", {
      fieldErrors: { cursor: ["Invalid cursor."] },
    });
  }
  return { at, id };
}

/** Rows strictly after the cursor in a list ordered by (time, id) ascending or descending. */
export function afterCursor(time: AnyColumn, id: AnyColumn, cursor: TimeIdCursor, direction: "asc" | "desc"): SQL {
  const beyond = direction === "asc" ? gt : lt;
  const at = sql`${cursor.at}::timestamptz`;
  return sql`(${beyond(time, at)} or ${and(eq(time, at), beyond(id, cursor.id))})`;
}

/** Takes `limit + 1` rows and turns the extra one into the next cursor. */
export function pageOf<T extends { cursorAt: string; id: string }>(
  rows: T[],
  limit: number,
): { items: Omit<T, "cursorAt">[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null;
  return { items: items.map(({ cursorAt: _cursorAt, ...rest }) => rest), nextCursor };
}
