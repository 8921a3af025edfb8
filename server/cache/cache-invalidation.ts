import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cacheEpoch, cacheTagInvalidations } from "@/db/schema";
import { signalLocalTagInvalidation } from "./local-tag-signals.mjs";

/**
 * Invalidates cached pages and data carrying any of `tags` on every app server
 * (server/cache/next-cache-handler.mjs reads what this writes).
 *
 * Call it with the transaction that makes the change (publication, withdrawal, republication, city
 * rename), preferably as its last statement: the invalidation commits with the change, or not at
 * all. It bumps the one-row epoch counter, whose row lock serialises invalidating transactions until
 * they commit (so servers see epochs in order), and records each tag's epoch. Needs no Next request
 * context: it works from tRPC, REST, scripts and tests alike. Returns the new epoch (0 for no tags).
 *
 * Tag names: server/cache/cache-tags.ts (`tagsForPublicCityChange(cityId)`); Next's implicit path
 * tags (`_N_T_/en/cities/x`) work too.
 */
export async function invalidateCacheTags(db: DbOrTx, tags: readonly string[]): Promise<number> {
  const unique = [...new Set(tags)];
  if (unique.length === 0) return 0;
  const [{ epoch }] = await db
    .insert(cacheEpoch)
    .values({ id: 1, epoch: 1 })
    .onConflictDoUpdate({ target: cacheEpoch.id, set: { epoch: sql`${cacheEpoch.epoch} + 1` } })
    .returning({ epoch: cacheEpoch.epoch });
  await db
    .insert(cacheTagInvalidations)
    .values(unique.map((tag) => ({ tag, epoch })))
    .onConflictDoUpdate({ target: cacheTagInvalidations.tag, set: { epoch, invalidatedAt: sql`now()` } });
  // The embedded database is one process: the handler there listens to this signal instead of the
  // table. Raised before the commit, which is safe only because PGlite runs one transaction at a
  // time (next-cache-handler.mjs explains); on PostgreSQL the handler ignores it and reads the table.
  signalLocalTagInvalidation(unique);
  return Number(epoch);
}
