import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, smallint, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * Shared invalidation of Next's page and data cache (server/cache/): every app server keeps its cache
 * entries in memory and checks, before serving one, whether a tag it carries was invalidated since
 * the entry was made. `cache_epoch` is one counter row: a write that invalidates tags bumps it inside
 * its own transaction, and the row lock it takes until commit makes epochs become visible in
 * increasing order, so a reader that has seen epoch N has seen every invalidation up to N.
 */
export const cacheEpoch = pgTable(
  "cache_epoch",
  {
    /** Always 1: the table holds one row. */
    id: smallint("id").primaryKey(),
    epoch: bigint("epoch", { mode: "number" }).notNull(),
  },
  (table) => [check("cache_epoch_single_row", sql`${table.id} = 1`)],
);

/** The last invalidation of each tag: its epoch, and when it happened (for operators). */
export const cacheTagInvalidations = pgTable(
  "cache_tag_invalidations",
  {
    tag: text("tag").primaryKey(),
    epoch: bigint("epoch", { mode: "number" }).notNull(),
    invalidatedAt: timestamptz("invalidated_at").notNull().defaultNow(),
  },
  // Servers ask "which tags were invalidated after epoch N?" before serving from their cache.
  (table) => [index("cache_tag_invalidations_epoch_idx").on(table.epoch)],
);
