import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { prepareAppDatabase } from "@/server/bootstrap/app-database";

/**
 * The embedded database has no autovacuum: the app gathers planner statistics at start-up, or the
 * planner scans tables the search indexes would answer (bench/README.md "Search").
 */
describe("embedded database start-up", () => {
  it("analyzes every table after migrating (PGlite has no autovacuum)", async () => {
    const handle = await openPglite();
    try {
      await prepareAppDatabase(handle, { seedDemo: false });
      const result = await handle.db.execute(sql`select c.relname, c.reltuples from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname in ('comments', 'evidence_revisions', 'feedback')`);
      const rows = (result as unknown as { rows: { relname: string; reltuples: number }[] }).rows;
      // -1: never analyzed; 0 after ANALYZE of an empty table.
      expect(rows.map((r) => [r.relname, Number(r.reltuples)]).sort()).toEqual([
        ["comments", 0],
        ["evidence_revisions", 0],
        ["feedback", 0],
      ]);
    } finally {
      await handle.close();
    }
  });
});
