/**
 * Loads the reference dataset (the 25 assessed pilot cities of the 2014 white paper, reproducing
 * Figure 3) into the app database on demand: `npm run seed:reference`. Idempotent: cities and
 * 2013 assessments that already exist are left alone.
 *
 * Uses DATABASE_URL when set, otherwise the embedded database folder (PGLITE_DATA_DIR or
 * .data/pglite). The embedded folder must not be in use by a running server: its lock file makes
 * this script refuse rather than corrupt it (stop the server, seed, start it again).
 */
import { env } from "@/env";
import { migrateDatabase, openPglite, openPostgres, resolvePgliteDataDir } from "../db/client";
import { seedPilotCities } from "../server/seed/demo";
import { seedReferenceAssessments } from "../server/seed/reference-assessments";

const url = env.DATABASE_URL;
const handle = url ? await openPostgres(url, { max: 2 }) : await openPglite(resolvePgliteDataDir());
try {
  await migrateDatabase(handle);
  await seedPilotCities(handle.db);
  const report = await seedReferenceAssessments(handle.db);
  console.log(
    `Reference dataset: ${report.inserted} assessment(s) loaded, ${report.skipped} already present` +
      (report.missingCities.length ? `, cities missing: ${report.missingCities.join(", ")}` : "") +
      (report.blockedCities.length ? `, not loaded because an unpublished assessment is open: ${report.blockedCities.join(", ")}` : "") +
      ". Per-city levels are illustrative; the regional distribution is Figure 3 of the 2014 white paper.",
  );
} finally {
  await handle.close();
}
