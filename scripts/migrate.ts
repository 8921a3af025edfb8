// Applies the committed migrations to DATABASE_URL, or to the embedded database (stop the app first:
// a PGlite data folder is used by one process at a time, and the lock file refuses otherwise).
import { env } from "@/env";
import { migrateDatabase, openPglite, openPostgres, resolvePgliteDataDir } from "../db/client";

const url = env.DATABASE_URL;
const handle = url ? await openPostgres(url, { max: 1 }) : await openPglite(resolvePgliteDataDir());
try {
  await migrateDatabase(handle);
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
