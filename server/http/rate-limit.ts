import { sql } from "drizzle-orm";
import { RateLimiterMemory, RateLimiterPostgres } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { type EnvSource, envOf } from "@/env";

/**
 * Rate limits that hold across app servers: counters live in the `rate_limits` table (the layout
 * of rate-limiter-flexible's PostgreSQL store), so N servers on one database allow the limit once,
 * not N times. Works on postgres.js and on the embedded PGlite alike (one-command default).
 *
 * Per process, by design: (1) a key that went over its limit is refused from memory until its
 * window ends, without asking the database again (a flood costs no queries); (2) if the database
 * cannot be reached, an in-memory limiter with the same numbers stands in until it is back; (3) the
 * public API limit counts locally and writes its counts in batches (`createBatchedSharedLimiter`,
 * bounded error), so a request does not cost a database write; sign-in throttling writes every
 * attempt (`createSharedLimiter`), where exactness matters more than speed.
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

/**
 * The open data API's limiter: `limit` requests per minute per client address, shared by every app
 * server through the `rate_limits` table, without a database write on every request (see
 * `createBatchedSharedLimiter`).
 */
export function createSharedRequestLimiter(db: Db, limit: number, keyPrefix = "api"): RequestLimiter {
  return createBatchedSharedLimiter(db, { keyPrefix, points: limit, durationSeconds: 60 });
}

export type BatchedLimiterOptions = {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Hits counted locally before they are written to the shared store (default: 5 % of the limit, 1–50). */
  batchSize?: number;
  /** Counts still held locally are written at least this often (default 1 s). */
  flushIntervalMs?: number;
  now?: () => number;
};

/** 5 % of the limit, at least 1 (exact counting for small limits), at most 50. */
export function defaultBatchSize(points: number): number {
  return Math.max(1, Math.min(50, Math.floor(points / 20)));
}

type StoreAnswer = { total: number; expire: number };
type PendingBatch = {
  count: number;
  /** Settles once this batch has been written, with the key's shared total after it. */
  written: Promise<StoreAnswer>;
  settle: (answer: Promise<StoreAnswer>) => void;
};

function newBatch(): PendingBatch {
  let settle!: (answer: Promise<StoreAnswer>) => void;
  const written = new Promise<StoreAnswer>((resolve) => {
    settle = resolve;
  });
  // A failed write is handled by whoever waits; nobody waiting must not be an unhandled rejection.
  written.catch(() => undefined);
  return { count: 0, written, settle };
}
type KeyState = {
  /** The shared count of the window as the store last answered it (every server's written hits). */
  known: number;
  /** Window end (epoch ms) from the store; 0 until this process has written to the key once. */
  windowEnd: number;
  /** Hits of this process not yet written. */
  batch: PendingBatch;
  /** Over the limit: refused from memory until the window ends, without counting or asking. */
  blocked: boolean;
};

/**
 * A fixed-window limit whose count lives in the shared `rate_limits` table (same layout and
 * semantics as rate-limiter-flexible's store: the window starts at the key's first hit, `expire`
 * in epoch ms), counted locally and reconciled in batches, so a request does not cost a write.
 *
 * - Each process counts its hits per key and writes them with one upsert for all keys that have
 *   any, which answers the window's shared total (every server's written hits).
 * - A hit waits for that write when the key is new to this process (to learn the window), when
 *   `batchSize` hits are pending, or when the shared total plus the pending hits comes within
 *   `batchSize` of the limit: near the limit every hit is counted in the store before it is
 *   allowed, and its decision is exact for this process (its place in the written batch).
 * - Other pending hits are allowed at once and written within `flushIntervalMs` (timer, unref'd).
 * - Once the shared total is over the limit, the key is refused from memory until its window ends:
 *   a flood costs no queries.
 *
 * Error bound: hits another server has counted but not yet written are at most `batchSize − 1` per
 * server and key, so with S app servers a client gets at most (S − 1) × (batchSize − 1) requests
 * more than the limit in a window (with the default batch size, ≤ 5 % of the limit per extra
 * server; none with one server, and none for limits under 40). A process that stops loses its
 * unwritten hits (under-counting, same bound). If the store cannot be reached, a per-process
 * counter with the same numbers decides until it is back.
 */
export function createBatchedSharedLimiter(db: Db, options: BatchedLimiterOptions): RequestLimiter & { flush(): Promise<void> } {
  const limit = options.points;
  const windowMs = options.durationSeconds * 1000;
  const batchSize = options.batchSize ?? defaultBatchSize(limit);
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const now = options.now ?? Date.now;
  const fallback = createFixedWindowLimiter({ limit, windowMs, now });
  const states = new Map<string, KeyState>();
  let writing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const decision = (allowed: boolean, used: number, windowEnd: number, at: number): RateLimitDecision => ({
    allowed,
    limit,
    remaining: Math.max(0, limit - used),
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - at) / 1000)),
  });

  /** Writes every pending batch in one statement; each batch learns the shared total after it. */
  async function writePending(): Promise<void> {
    const taken: { key: string; state: KeyState; batch: PendingBatch }[] = [];
    for (const [key, state] of states) {
      if (state.batch.count === 0) continue;
      taken.push({ key, state, batch: state.batch });
      state.batch = newBatch();
    }
    if (taken.length === 0) return;
    const at = now();
    const rows = taken.map((t) => sql`(${`${options.keyPrefix}:${t.key}`}, ${t.batch.count}, ${at + windowMs})`);
    const written = (async () => {
      const result = await db.execute(sql`
        insert into rate_limits (key, points, expire) values ${sql.join(rows, sql`, `)}
        on conflict (key) do update set
          points = case when rate_limits.expire is null or rate_limits.expire <= ${at} then excluded.points
                        else rate_limits.points + excluded.points end,
          expire = case when rate_limits.expire is null or rate_limits.expire <= ${at} then excluded.expire
                        else rate_limits.expire end
        returning key, points, expire`);
      const list = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        key: string;
        points: unknown;
        expire: unknown;
      }[];
      return new Map(list.map((r) => [r.key, { total: Number(r.points), expire: Number(r.expire) }]));
    })();
    for (const t of taken) {
      t.batch.settle(
        written.then((byKey) => {
          const answer = byKey.get(`${options.keyPrefix}:${t.key}`);
          if (!answer) throw new Error("rate limit store returned no row for a key it was given");
          // A later write may already have answered a larger total; keep the newest knowledge.
          if (answer.expire !== t.state.windowEnd) {
            t.state.windowEnd = answer.expire;
            t.state.known = answer.total;
            t.state.blocked = false;
          } else {
            t.state.known = Math.max(t.state.known, answer.total);
          }
          if (t.state.known > limit) t.state.blocked = true;
          return answer;
        }),
      );
    }
    await written.then(
      () => undefined,
      () => undefined,
    );
  }

  /** One write at a time per process; a caller waiting for its batch joins the queue. */
  function flush(): Promise<void> {
    writing = writing.then(writePending).catch(() => undefined);
    return writing;
  }

  function scheduleFlush() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, flushIntervalMs);
    timer.unref?.();
  }

  function sweep(at: number) {
    if (states.size <= 10_000) return;
    for (const [key, state] of states) if (state.batch.count === 0 && state.windowEnd <= at) states.delete(key);
  }

  return {
    flush,
    async hit(key) {
      const at = now();
      sweep(at);
      let state = states.get(key);
      if (state && state.windowEnd !== 0 && state.windowEnd <= at && state.batch.count === 0) {
        states.delete(key);
        state = undefined;
      }
      if (!state) {
        state = { known: 0, windowEnd: 0, batch: newBatch(), blocked: false };
        states.set(key, state);
      }
      if (state.blocked && state.windowEnd > at) return decision(false, limit, state.windowEnd, at);
      const batch = state.batch;
      const place = ++batch.count;
      const estimate = state.known + place;
      const mustWait = state.windowEnd === 0 || batch.count >= batchSize || estimate > limit - batchSize;
      if (!mustWait) {
        scheduleFlush();
        return decision(true, estimate, state.windowEnd, at);
      }
      void flush();
      try {
        const answer = await batch.written;
        // This hit's place in the shared count: the hits written before its batch, then its own place.
        const position = answer.total - batch.count + place;
        return decision(position <= limit, position, answer.expire, now());
      } catch {
        return fallback.hit(key);
      }
    },
  };
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

const searchLimiterByDb = new WeakMap<Db, RequestLimiter | null>();

/**
 * The search limit (`search.query`): SEARCH_RATE_LIMIT searches per minute per signed-in user or,
 * anonymous, per address; shared by every app server like the public limit; null when limits are
 * disabled. Search costs more than a page read (several indexed queries), hence its own count.
 */
export function searchLimiterFor(db: Db): RequestLimiter | null {
  if (!searchLimiterByDb.has(db)) {
    const e = envOf();
    searchLimiterByDb.set(db, e.RATE_LIMIT_DISABLED ? null : createSharedRequestLimiter(db, e.SEARCH_RATE_LIMIT, "search"));
  }
  return searchLimiterByDb.get(db)!;
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
