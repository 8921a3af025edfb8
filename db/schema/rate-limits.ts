import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * Shared counters for rate limits and sign-in throttling, so every app server counts against the
 * same numbers. The layout is the one rate-limiter-flexible's PostgreSQL store reads and writes
 * (`key`, `points`, `expire` in epoch milliseconds); keys carry the limiter's prefix.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
