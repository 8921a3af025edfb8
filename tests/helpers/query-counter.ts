import type { Logger } from "drizzle-orm/logger";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { DatabaseHandle, Db } from "@/db/client";
import * as schema from "@/db/schema";

/**
 * Counts the SQL statements a piece of code sends. The counting db is a second drizzle instance over
 * the same driver connection as the test database, with a logger that records every statement
 * (drizzle calls it for each query it prepares, inside transactions too), so anything that reads
 * through `ctx.db` is counted — including the authorization middleware of a tRPC procedure.
 */
export type QueryCounter = {
  /** A db that counts; hand it to `callerFor`. */
  db: Db;
  /** Runs `work` and returns its result with the statements it sent. */
  measure<T>(work: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }>;
};

export function createQueryCounter(handle: DatabaseHandle): QueryCounter {
  let recording: string[] | null = null;
  const logger: Logger = {
    logQuery(query) {
      recording?.push(query);
    },
  };
  // Cast kept: `Db` is the driver-neutral type and has no `$client`; only the concrete postgres.js/PGlite handles carry it.
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const db: Db =
    handle.driver === "pglite" ? drizzlePglite(client as never, { schema, logger }) : drizzlePostgres(client as never, { schema, logger });
  return {
    db,
    async measure(work) {
      if (recording) throw new Error("measure() calls must not overlap");
      const statements: string[] = [];
      recording = statements;
      try {
        const result = await work();
        return { result, count: statements.length, statements };
      } finally {
        recording = null;
      }
    },
  };
}
