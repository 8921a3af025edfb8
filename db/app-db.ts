import { migrateDatabase, openPglite, openPostgres, resolvePgliteDataDir, type DatabaseHandle } from "./client";
import { seedDemoDataIfEmpty } from "./seed/demo";

type AppDbState = { promise: Promise<DatabaseHandle> };
const globalForDb = globalThis as unknown as { __appDb?: AppDbState };

/**
 * The process-wide database: opened, migrated and (for the embedded database, by default) seeded
 * once on first use. Never called at build time: pages that read data are dynamic.
 */
export function getAppDatabase(): Promise<DatabaseHandle> {
  globalForDb.__appDb ??= { promise: openAppDatabase() };
  return globalForDb.__appDb.promise;
}

async function openAppDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  const handle = url ? await openPostgres(url) : await openPglite(resolvePgliteDataDir());
  await migrateDatabase(handle);
  const seedFlag = process.env.SEED_DEMO;
  const seedDemo = seedFlag === undefined ? handle.driver === "pglite" : seedFlag !== "0" && seedFlag !== "false";
  if (seedDemo) await seedDemoDataIfEmpty(handle.db);
  if (handle.driver === "pglite") {
    const closeOnExit = () => void handle.close().finally(() => process.exit(0));
    process.once("SIGINT", closeOnExit);
    process.once("SIGTERM", closeOnExit);
  }
  return handle;
}

export async function getDb() {
  return (await getAppDatabase()).db;
}
