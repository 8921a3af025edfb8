import { type AnyColumn, and, eq, gt, lt, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { DomainError } from "@/server/errors/domain-error";
import { text } from "@/server/validation/text-schemas";

/**
 * The one keyset-pagination module. A cursor is the sort key of the last row of a page, as a JSON
 * tuple in base64url, opaque to clients. Every part is checked before it reaches SQL (a real
 * timestamp in a sane range, a uuid, an allowed value), so an edited or forged cursor is a 400,
 * never a query error. Timestamps travel as PostgreSQL renders them, to the microsecond: a JS Date
 * would cut them to milliseconds and skip or repeat rows written in the same millisecond.
 */

export const INVALID_CURSOR_MESSAGE = "This list position is not valid; reload the list.";

export function invalidCursor(): DomainError {
  return new DomainError("BAD_REQUEST", INVALID_CURSOR_MESSAGE, { fieldErrors: { cursor: ["Invalid cursor."] } });
}

/** Years a stored timestamp can have in this application. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;

/** True for `YYYY-MM-DDTHH:MM:SS.ffffffZ` naming a real instant between 1900 and 2999 (UTC). */
export function isCursorTimestamp(value: string): boolean {
  const m = TIMESTAMP_TEXT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year < MIN_YEAR || year > MAX_YEAR || hour > 23 || minute > 59 || second > 59) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Cursor parts: build a cursor's shape from these with `defineCursor(z.tuple([...]))`. */
export const cursorPart = {
  timestamp: z.string().refine(isCursorTimestamp),
  uuid: z.uuid(),
  /** A text sort key (e.g. a name): storable text of bounded length. */
  text: text().max(500),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
};

export type CursorCodec<T extends readonly unknown[]> = {
  encode: (parts: T) => string;
  /** null for no cursor (first page); throws BAD_REQUEST for anything that is not a cursor of this list. */
  decode: (raw: string | null | undefined) => T | null;
};

/** A codec for cursors of one shape. */
export function defineCursor<S extends z.ZodTuple>(shape: S): CursorCodec<z.output<S>> {
  return {
    encode: (parts) => Buffer.from(JSON.stringify(parts), "utf8").toString("base64url"),
    decode: (raw) => {
      if (raw === null || raw === undefined || raw === "") return null;
      if (raw.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalidCursor();
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
      } catch {
        throw invalidCursor();
      }
      const parsed = shape.safeParse(json);
      if (!parsed.success) throw invalidCursor();
      return parsed.data;
    },
  };
}

/** The common shape: (timestamp as exact text, row id). */
export const timeIdCursor = defineCursor(z.tuple([cursorPart.timestamp, cursorPart.uuid]));
export type TimeIdCursor = readonly [at: string, id: string];

/** Select this beside the row to build its cursor: the timestamp to the microsecond, as text. */
export function cursorTimestamp(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows strictly after the cursor in a list ordered by (time, id) ascending or descending. */
export function afterTimeId(time: AnyColumn, id: AnyColumn, cursor: TimeIdCursor, direction: "asc" | "desc"): SQL {
  const beyond = direction === "asc" ? gt : lt;
  const at = sql`${cursor[0]}::timestamptz`;
  return sql`(${beyond(time, at)} or ${and(eq(time, at), beyond(id, cursor[1]))})`;
}

/** Takes `limit + 1` rows (each with its `cursorAt` text) and turns the extra one into the next cursor. */
export function timeIdPage<T extends { cursorAt: string; id: string }>(
  rows: T[],
  limit: number,
): { items: Omit<T, "cursorAt">[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? timeIdCursor.encode([last.cursorAt, last.id]) : null;
  return { items: items.map(({ cursorAt: _cursorAt, ...rest }) => rest), nextCursor };
}

/**
 * For lists whose cursor is the id of the last row seen (the id is validated by the input schema):
 * rows after that row in (sort, id) order, the row's sort value read in the database at full
 * precision. A cursor naming no row gives an empty page.
 */
export function afterRowWithId(
  table: PgTable,
  sortColumn: AnyColumn,
  idColumn: AnyColumn,
  cursorId: string,
  direction: "asc" | "desc",
): SQL {
  const subquery = sql`(select ${sortColumn}, ${idColumn} from ${table} where ${idColumn} = ${cursorId}::uuid)`;
  return direction === "asc" ? sql`(${sortColumn}, ${idColumn}) > ${subquery}` : sql`(${sortColumn}, ${idColumn}) < ${subquery}`;
}
