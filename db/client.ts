import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { env } from "@/env";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers (postgres.js and PGlite) produce this type; domain code only sees it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type DatabaseHandle = {
  db: Db;
  driver: "postgres" | "pglite";
  /** The connection string, for postgres only (migrations open their own connection). */
  url?: string;
  close: () => Promise<void>;
};

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/**
 * How long the app waits on PostgreSQL before it gives up and answers 503 (seconds, from the
 * environment). A query that cannot get a connection fails within about two connect timeouts; one
 * sent on a connection that went silent (black hole, half-open socket) fails after the response
 * timeout, which is longer than the server-side statement timeout so slow-but-alive queries are
 * cancelled by PostgreSQL first.
 */
export type PostgresTimeouts = {
  connectTimeoutSeconds: number;
  /** Server-side `statement_timeout`; 0 = none. */
  statementTimeoutSeconds: number;
  /** Client-side: no byte of an answer for this long destroys the connection; 0 = never. */
  responseTimeoutSeconds: number;
};

export function postgresTimeoutsFromEnv(): PostgresTimeouts {
  const statementTimeoutSeconds = env.DATABASE_STATEMENT_TIMEOUT;
  return {
    connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT,
    statementTimeoutSeconds,
    responseTimeoutSeconds: env.DATABASE_RESPONSE_TIMEOUT ?? (statementTimeoutSeconds > 0 ? statementTimeoutSeconds + 2 : 0),
  };
}

/**
 * Reconnect delay after failed connection attempts (seconds). postgres.js defaults to 3^n/100
 * capped at 20 s and applies it before the connect timeout starts, so after an outage a query
 * could wait ~20 s on a database that was already back.
 */
function reconnectBackoff(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 0.5) * (0.5 + Math.random() / 2);
}

/**
 * Opens PostgreSQL through postgres.js. Connection attempts are bounded by the connect timeout
 * (env DATABASE_CONNECT_TIMEOUT) for every caller; the statement and response timeouts apply when
 * given (the app server passes `postgresTimeoutsFromEnv()`; scripts run long statements).
 * postgres.js 3.4.9 carries a local patch (patches/postgres+3.4.9.patch): a transaction whose
 * connection died wrote its ROLLBACK onto the closed socket, which threw outside any promise and left
 * that pooled connection unable to send its start-up message ever again, so every later use of it
 * hung until CONNECT_TIMEOUT. The patch also adds the `response_timeout` watchdog used here.
 */
export async function openPostgres(
  url: string,
  options: { max?: number; timeouts?: Partial<PostgresTimeouts> } = {},
): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const fromEnv = postgresTimeoutsFromEnv();
  const timeouts = options.timeouts ?? {};
  const connectTimeout = timeouts.connectTimeoutSeconds ?? fromEnv.connectTimeoutSeconds;
  const statementTimeout = timeouts.statementTimeoutSeconds ?? 0;
  const responseTimeout = timeouts.responseTimeoutSeconds ?? 0;
  const client = postgres(url, {
    max: options.max ?? env.DATABASE_POOL_SIZE,
    onnotice: () => {},
    connect_timeout: connectTimeout,
    response_timeout: responseTimeout > 0 ? responseTimeout : null,
    // Idle sockets are where a restart or a dropped NAT entry hides; recycle them.
    idle_timeout: env.DATABASE_IDLE_TIMEOUT,
    // max_lifetime stays postgres.js's default: 30-60 min, drawn per connection so they do not all
    // reconnect at once.
    keep_alive: 30,
    backoff: reconnectBackoff,
    connection: statementTimeout > 0 ? { statement_timeout: Math.round(statementTimeout * 1000) } : {},
  });
  const db: Db = drizzle(client, { schema });
  return { db, driver: "postgres", url, close: () => client.end({ timeout: 5 }) };
}

/**
 * Opens embedded PostgreSQL. `dataDir` undefined means in memory (tests).
 * A data folder may be used by one process at a time, so a lock file with our pid guards it.
 */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let releaseLock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
  }
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db: Db = drizzle(client, { schema });
  return {
    db,
    driver: "pglite",
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "app.lock");
  if (fs.existsSync(lockPath)) {
    const holder = Number(fs.readFileSync(lockPath, "utf8"));
    if (holder && holder !== process.pid && isProcessAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. ` +
          "Stop that process first (PGlite allows one process per data folder), or set PGLITE_DATA_DIR.",
      );
    }
  }
  fs.writeFileSync(lockPath, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Applies the committed drizzle-kit migrations; idempotent. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await withStartupLock(handle, (db) => applyMigrations(handle.driver, db));
}

export async function applyMigrations(driver: DatabaseHandle["driver"], db: Db): Promise<void> {
  if (driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Runs start-up work (migrations, the demo seed) while holding the start-up lock. On PostgreSQL
 * several app servers may start at once: the work runs on one dedicated connection that holds a
 * session advisory lock (released by unlock, or by PostgreSQL if this process dies), without the
 * app pool's statement/response timeouts, since waiting for another server's seed is silent.
 * PGlite is single-process (app.lock), so the work runs directly.
 */
export async function withStartupLock<T>(handle: DatabaseHandle, work: (db: Db) => Promise<T>): Promise<T> {
  if (handle.driver === "pglite") return work(handle.db);
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const lockClient = postgres(handle.url!, {
    max: 1,
    onnotice: () => {},
    connect_timeout: postgresTimeoutsFromEnv().connectTimeoutSeconds,
    backoff: reconnectBackoff,
    // A server that waits longer than this for another's start-up gives up and retries later.
    connection: { lock_timeout: Math.round(env.DATABASE_STARTUP_LOCK_TIMEOUT * 1000) },
  });
  try {
    await lockClient`select pg_advisory_lock(727274)`;
    try {
      return await work(drizzle(lockClient, { schema }));
    } finally {
      await lockClient`select pg_advisory_unlock(727274)`.catch(() => {});
    }
  } finally {
    await lockClient.end({ timeout: 5 });
  }
}

export function resolvePgliteDataDir(): string {
  return path.resolve(env.PGLITE_DATA_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite"));
}
