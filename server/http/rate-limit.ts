import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { type EnvSource, envOf } from "@/env";

/**
 * Rate limits that hold across app servers: counters live in the `rate_limits` table (the layout
 * of rate-limiter-flexible's PostgreSQL store), so N servers on one database allow the limit once,
 * not N times. Works on postgres.js and on the embedded PGlite alike (one-command default).
 *
 * Per process, by design: (1) a key that went over its limit is refused from memory until its
 * window ends, without asking the database again (a flood costs no queries); (2) if the database
 * cannot be reached, an in-memory limiter with the same numbers stands in until it is back.
 */
export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1 when refused). */
  retryAfterSeconds: number;
};

export type RequestLimiter = { hit: (key: string) => RateLimitDecision | Promise<RateLimitDecision> };
/** The in-memory limiter's name from before the shared store; kept for callers and tests. */

export const RATE_LIMIT_TABLE = "rate_limits";

type QueryResult = { rows: Record<string, unknown>[]; rowCount: number };
type StoreClient = { query: (q: { text: string; values?: unknown[] }) => Promise<QueryResult> };

/**
 * rate-limiter-flexible speaks `client.query({ text, values })` (node-postgres). Both of our
 * drivers sit under drizzle as `$client`: postgres.js runs raw SQL with `unsafe`, PGlite has
 * `query`. The store's `expire` is a bigint, which the drivers return as string or BigInt.
 */
export function rateLimitStoreClient(db: Db): StoreClient {
  // Cast kept: `Db` is the driver-neutral type and has no `$client`; only the concrete postgres.js/PGlite handles carry it.
  const client = (db as unknown as { $client: unknown }).$client as
    | { unsafe: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[] & { count?: number }> }
    | { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[]; affectedRows?: number }> };
  const normalise = (rows: Record<string, unknown>[]) =>
    rows.map((row) => ({
      ...row,
      points: row.points == null ? row.points : Number(row.points),
      expire: row.expire == null ? null : Number(row.expire),
    }));
  if ("unsafe" in client) {
    return {
      async query({ text, values }) {
        const rows = await client.unsafe(text, (values ?? []) as never[]);
        return { rows: normalise([...rows]), rowCount: rows.count ?? rows.length };
      },
    };
  }
  return {
    async query({ text, values }) {
      const result = await client.query(text, values ?? []);
      return { rows: normalise(result.rows), rowCount: result.rows.length || (result.affectedRows ?? 0) };
    },
  };
}

export type SharedLimiterOptions = {
  /** Distinguishes limiters sharing the table, e.g. "api", "signin-account". */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Once over the limit, refuse for this long (default: until the window ends). */
  blockDurationSeconds?: number;
  /** Fall back to per-process counting while the database is unreachable (public API: yes). */
  memoryFallback?: boolean;
  /**
   * Refuse a key that went over the limit from memory until its window ends (public API: a flood
   * costs no queries). Not with blockDurationSeconds: the library then skips the stored block.
   */
  inMemoryBlock?: boolean;
};

/** A rate-limiter-flexible limiter whose counters live in the database. */
export function createSharedLimiter(db: Db, options: SharedLimiterOptions): RateLimiterPostgres {
  const base = {
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockDurationSeconds ?? 0,
  };
  return new RateLimiterPostgres({
    ...base,
    storeClient: rateLimitStoreClient(db),
    storeType: "client",
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true, // created by migration 0005
    inMemoryBlockOnConsumed: options.inMemoryBlock ? options.points + 1 : 0,
    insuranceLimiter: options.memoryFallback ? new RateLimiterMemory(base) : undefined,
  });
}

function decisionOf(res: RateLimiterRes, limit: number, allowed: boolean): RateLimitDecision {
  return {
    allowed,
    limit,
    remaining: Math.max(0, res.remainingPoints ?? 0),
    retryAfterSeconds: Math.max(1, Math.ceil((res.msBeforeNext ?? 0) / 1000)),
  };
}

/** One request counted against `key`; refused when over the limit. Database errors propagate. */
export async function consumeOne(limiter: RateLimiterPostgres | RateLimiterMemory, key: string): Promise<RateLimitDecision> {
  try {
    return decisionOf(await limiter.consume(key), limiter.points, true);
  } catch (error) {
    if (error instanceof RateLimiterRes) return decisionOf(error, limiter.points, false);
    throw error;
  }
}

/** The open data API's limiter: `limit` requests per minute per client address, shared. */
export function createSharedRequestLimiter(db: Db, limit: number, keyPrefix = "api"): RequestLimiter {
  const limiter = createSharedLimiter(db, { keyPrefix, points: limit, durationSeconds: 60, memoryFallback: true, inMemoryBlock: true });
  return { hit: (key) => consumeOne(limiter, key) };
}

const limiterByDb = new WeakMap<Db, RequestLimiter | null>();

/**
 * The public read limit (REST /api/v1 and tRPC `public.*` share one count per address), one per
 * database handle; null when limits are disabled (RATE_LIMIT_DISABLED, e.g. the e2e run).
 */
export function publicApiLimiterFor(db: Db): RequestLimiter | null {
  if (!limiterByDb.has(db)) {
    const limit = apiRateLimitFromEnv();
    limiterByDb.set(db, limit === null ? null : createSharedRequestLimiter(db, limit));
  }
  return limiterByDb.get(db)!;
}

/** A per-process fixed-window counter; for tests and tools that need no database. */
export function createFixedWindowLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Past this many tracked clients, expired windows are swept on the next hit. */
  sweepAbove?: number;
}): { hit: (key: string) => RateLimitDecision } {
  const { limit, windowMs } = options;
  const now = options.now ?? Date.now;
  const sweepAbove = options.sweepAbove ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const at = now();
      if (windows.size > sweepAbove) {
        for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
      }
      let window = windows.get(key);
      if (!window || at - window.start >= windowMs) {
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
      return {
        allowed: window.count <= limit,
        limit,
        remaining: Math.max(0, limit - window.count),
        retryAfterSeconds,
      };
    },
  };
}

/** Requests per minute per address for anonymous API clients: API_RATE_LIMIT (default 120). */
export function apiRateLimitFromEnv(source?: EnvSource): number | null {
  const e = envOf(source);
  return e.RATE_LIMIT_DISABLED ? null : e.API_RATE_LIMIT;
}
