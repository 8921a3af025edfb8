/**
 * Start-up of the process-wide database (db/app-db.ts opens, migrates, retries and closes it): installs
 * the demo seed, which needs domain code and so cannot live in db/. Entry points load this module
 * first: instrumentation.ts for the Next server, scripts and tests that open the app database.
 */
import { installDemoSeeder } from "@/db/app-db";
import { seedDemoDataIfEmpty } from "@/server/seed/demo";

installDemoSeeder(seedDemoDataIfEmpty);

export { closeAppDatabase, getAppDatabase, getDb, openRetryDelayMs, prepareAppDatabase } from "@/db/app-db";
