import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { users } from "@/db/schema/identity";
import { DomainError } from "@/server/errors/domain-error";
import { erasureStatus } from "./privacy-data";
import { ident, rowsOf } from "./raw-sql";

/**
 * Columns never exported: secrets that prove nothing to the person and would help an attacker, and
 * the search index's generated `search_vector` (a copy of text the export already has).
 */
const SECRET_COLUMNS = new Set(["password_hash", "token_hash", "search_vector"]);

export type DataExport = {
  exportedAt: string;
  profile: Record<string, unknown>;
  /** Rows of every table that refers to the person (a foreign key to users), by table and column. */
  records: Record<string, { column: string; rows: Record<string, unknown>[] }[]>;
  auditEventsAsActor: number;
  signInHistory: string;
  erasure: Awaited<ReturnType<typeof erasureStatus>>;
};

/**
 * Everything the platform holds about one person. The tables are found from the database's own
 * foreign keys to `users`, so a table a later feature adds is exported without a change here.
 */
export async function exportPersonalData(db: DbOrTx, userId: string): Promise<DataExport> {
  const [profile] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      globalRole: users.globalRole,
      postingBlockedAt: users.postingBlockedAt,
      postingBlockedReason: users.postingBlockedReason,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!profile) throw new DomainError("NOT_FOUND", "No such account.");
  const references = rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(sql`select cl.relname as table_name, a.attname as column_name
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'public.users'::regclass
      order by cl.relname, a.attname`),
  );
  const records: DataExport["records"] = {};
  for (const { table_name: table, column_name: column } of references) {
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select * from ${ident(table)} where ${ident(column)} = ${userId} limit 10000`),
    );
    if (rows.length === 0) continue;
    for (const row of rows) for (const key of Object.keys(row)) if (SECRET_COLUMNS.has(key)) delete row[key];
    records[table] = [...(records[table] ?? []), { column, rows }];
  }
  // Rows addressed to the person's e-mail without naming the account (an invitation, its mail).
  for (const table of ["invitations", "mail_outbox"]) {
    const column = table === "invitations" ? "email" : "to_address";
    const rows = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select * from ${ident(table)} where lower(${ident(column)}) = lower(${profile.email}) limit 10000`),
    ).filter((row) => !("user_id" in row) || row.user_id !== userId);
    for (const row of rows) for (const key of Object.keys(row)) if (SECRET_COLUMNS.has(key)) delete row[key];
    if (rows.length > 0) records[table] = [...(records[table] ?? []), { column, rows }];
  }
  const [audit] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.actorId, userId));
  return {
    exportedAt: new Date().toISOString(),
    profile,
    records,
    auditEventsAsActor: Number(audit?.n ?? 0),
    signInHistory:
      "No sign-in history is kept: sessions are signed cookies, and failed attempts are counted under a hash of the e-mail address for at most an hour.",
    erasure: await erasureStatus(db, userId),
  };
}
