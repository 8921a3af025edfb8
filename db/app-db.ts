import { sql } from "drizzle-orm";
import { env } from "@/env";
import {
  applyMigrations,
  type DatabaseHandle,
  type Db,
  openPglite,
  openPostgres,
  postgresTimeoutsFromEnv,
  resolvePgliteDataDir,
  withStartupLock,
} from "./client";
import { DatabaseUnavailableError } from "./database-errors";

/** Fills an empty database with the demo data; true when it did. Installed by server/bootstrap/app-database.ts. */
export type DemoSeeder = (db: Db) => Promise<boolean>;

/**
 * The process-wide database: open, migrate, seed under the start-up lock, retry, close. The demo
 * seed uses domain code (server/), which the data layer does not import: server/bootstrap installs
 * it with `installDemoSeeder`, and the app's entry points (instrumentation.ts, scripts) load that
 * module before the first request.
 *
 * Process-wide state, on globalThis so that every copy of this module (Next bundles route handlers
 * separately) and the server script (scripts/server.mjs) share one database.
 */
type AppDbState = {
  /** The open (or opening) database; dropped again when opening fails. */
  promise?: Promise<DatabaseHandle>;
  failures: number;
  /** No new attempt before this time (ms since epoch) after a failure. */
  retryAt: number;
  lastError?: unknown;
  /** The demo seed failed: retried on a later use, while the app keeps serving. */
  seedRetryAt?: number;
  seeding?: Promise<void>;
  shuttingDown: boolean;
  /** Called by the server script on SIGTERM/SIGINT once in-flight requests have finished. */
  shutdown: () => Promise<void>;
};
/** The seeder is kept apart from the database state: it belongs to the code loaded, not to an open. */
const globalForDb = globalThis as typeof globalThis & { __appDb?: AppDbState; __appDemoSeeder?: DemoSeeder };

function appDbState(): AppDbState {
  globalForDb.__appDb ??= { failures: 0, retryAt: 0, shuttingDown: false, shutdown: closeAppDatabase };
  return globalForDb.__appDb;
}

/** Makes `seed` the demo seed of the process-wide database (idempotent; server/bootstrap calls it). */
export function installDemoSeeder(seed: DemoSeeder): void {
  globalForDb.__appDemoSeeder = seed;
}

/** Delay before the next attempt to open the database after `failures` failed ones (ms). */
export function openRetryDelayMs(failures: number): number {
  return Math.min(250 * 2 ** (failures - 1), 10_000);
}

/**
 * The process-wide database: opened, migrated and (for the embedded database, by default) seeded
 * on first use. A failed open is not remembered: the next call after a short backoff tries again,
 * and calls during the backoff fail at once with DatabaseUnavailableError (answered 503).
 * Never called at build time: pages that read data are dynamic.
 */
export function getAppDatabase(): Promise<DatabaseHandle> {
  const state = appDbState();
  if (state.shuttingDown) return Promise.reject(new DatabaseUnavailableError("The server is shutting down."));
  if (state.promise) {
    retryDemoSeedIfDue(state);
    return state.promise;
  }
  if (Date.now() < state.retryAt) {
    return Promise.reject(new DatabaseUnavailableError(undefined, { cause: state.lastError }));
  }
  const attempt: Promise<DatabaseHandle> = openAppDatabase(state).then(
    (handle) => {
      state.failures = 0;
      state.lastError = undefined;
      return handle;
    },
    (error: unknown) => {
      if (state.promise === attempt) state.promise = undefined;
      state.failures += 1;
      state.retryAt = Date.now() + openRetryDelayMs(state.failures);
      state.lastError = error;
      console.error(`[database] could not open the database (attempt ${state.failures}):`, error);
      throw error instanceof DatabaseUnavailableError
        ? error
        : new DatabaseUnavailableError("The database could not be opened.", { cause: error });
    },
  );
  state.promise = attempt;
  return attempt;
}

async function openAppDatabase(state: AppDbState): Promise<DatabaseHandle> {
  const url = env.DATABASE_URL;
  const handle = url ? await openPostgres(url, { timeouts: postgresTimeoutsFromEnv() }) : await openPglite(resolvePgliteDataDir());
  try {
    const { seedError } = await prepareAppDatabase(handle, { seedDemo: demoSeedWanted(handle) });
    if (seedError) state.seedRetryAt = Date.now() + 5_000;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  return handle;
}

function demoSeedWanted(handle: DatabaseHandle): boolean {
  return env.SEED_DEMO ?? handle.driver === "pglite";
}

export type PrepareReport = { seeded: boolean; seedError?: unknown };

/**
 * Migrates and (if asked) seeds the demo data, both under the start-up lock, so two servers starting
 * on an empty database seed once: the second finds the first one's users. A failed migration fails
 * the open (retried with backoff); a failed seed is logged and reported, never fatal: the server
 * keeps serving and retries the seed later.
 */
export async function prepareAppDatabase(handle: DatabaseHandle, options: { seedDemo: boolean }): Promise<PrepareReport> {
  return withStartupLock(handle, async (db) => {
    await applyMigrations(handle.driver, db);
    const report = options.seedDemo ? await seedDemoData(db) : { seeded: false };
    // PGlite has no autovacuum, so nothing else gathers planner statistics; without them the planner
    // may scan a table an index would answer (search at city scale: p95 124 ms instead of 30 ms,
    // bench/README.md "Search"). PostgreSQL analyzes by itself.
    if (handle.driver === "pglite") await db.execute(sql`analyze`);
    return report;
  });
}

async function seedDemoData(db: DatabaseHandle["db"]): Promise<PrepareReport> {
  try {
    const seeder = globalForDb.__appDemoSeeder;
    if (!seeder) throw new Error("SEED_DEMO asks for the demo data, but no seeder is installed: load server/bootstrap/app-database first.");
    return { seeded: await seeder(db) };
  } catch (seedError) {
    console.error("[database] demo seed failed; the server keeps serving and retries it later:", seedError);
    return { seeded: false, seedError };
  }
}

function retryDemoSeedIfDue(state: AppDbState): void {
  if (state.seedRetryAt === undefined || state.seeding || Date.now() < state.seedRetryAt) return;
  state.seedRetryAt = Date.now() + 60_000;
  state.seeding = state
    .promise!.then((handle) => withStartupLock(handle, seedDemoData))
    .then(({ seedError }) => {
      state.seedRetryAt = seedError ? Date.now() + 60_000 : undefined;
    })
    .catch(() => {})
    .finally(() => {
      state.seeding = undefined;
    });
}

/**
 * Closes the database for shutdown: later calls fail with DatabaseUnavailableError. For PGlite this
 * flushes and releases the data folder (app.lock, postmaster.pid). Idempotent.
 */
export async function closeAppDatabase(): Promise<void> {
  const state = appDbState();
  state.shuttingDown = true;
  const promise = state.promise;
  state.promise = undefined;
  await state.seeding;
  if (!promise) return;
  const handle = await promise.catch(() => undefined);
  await handle?.close();
}

export async function getDb() {
  return (await getAppDatabase()).db;
}
