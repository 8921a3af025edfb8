// Next's incremental cache handler (next.config.js `cacheHandler`): ISR pages (APP_PAGE), route
// handlers (APP_ROUTE) and `unstable_cache`/fetch data (FETCH) kept in memory per process, with tag
// invalidations shared by every app server. Plain JavaScript: Next loads it with Node's own import,
// outside the webpack bundle, and Node 20 does not run TypeScript.
//
// Semantics (tests/integration/next-cache-handler.test.ts):
// - An entry carries tags: `ctx.tags` for data (plus the soft/implicit `_N_T_/…` path tags the
//   reader passes on get), the `x-next-cache-tags` header for pages and routes (Next writes the
//   implicit path tags and every `unstable_cache` tag the render used into it).
// - An entry is stamped with the invalidation epoch that was current when its render began (the
//   miss that caused it), so an invalidation that lands during a render makes that render's result
//   stale too. Once a tag is invalidated at epoch E, entries with that tag stamped before E are
//   misses; entries made after it are served.
// - Where the invalidations come from:
//   * PostgreSQL (DATABASE_URL): the `cache_tag_invalidations` table, read before every get (one
//     indexed query for the rows newer than the last epoch seen, usually none; concurrent gets share
//     one query that started after they arrived). Writes commit them in the same transaction as the
//     change (server/cache/cache-invalidation.ts), and epochs become visible in increasing order
//     (db/schema/cache-invalidations.ts), so a server that answers after another server's write
//     committed serves fresh content. If the check fails, the get is a miss (fresh render).
//   * Embedded PGlite (no DATABASE_URL): one process, so the signal is in memory (globalThis,
//     local-tag-signals.mjs), raised by the write inside its transaction. Raising it before the
//     commit is safe here: PGlite runs one transaction at a time and every other query waits for it,
//     so a render that starts after the signal reads the committed data.
//   * `next build`: memory only, no database.
import { LRUCache } from "lru-cache";
import postgres from "postgres";
import { localTagSignals, signalLocalTagInvalidation } from "./local-tag-signals.mjs";

const TAGS_HEADER = "x-next-cache-tags";
/** Memory bound per process for cached pages and data (estimated bytes). */
const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;
/** A render that has not stored its result after this long is taken as abandoned (it failed). */
const PENDING_RENDER_TTL_MS = 60_000;
/** Above this many keys with renders in progress, abandoned ones are swept. */
const MAX_PENDING_RENDERS = 10_000;
const STORE_KEY = Symbol.for("smart-city-assessment.next-cache-store");
const UNDEFINED_TABLE = "42P01";

/**
 * @typedef {{ tag: string, epoch: number }} TagInvalidation
 * @typedef {{
 *   readSince: (epoch: number) => Promise<TagInvalidation[]>,
 *   invalidate: (tags: string[]) => Promise<void>,
 *   close?: () => Promise<void>,
 * }} InvalidationSource
 * @typedef {{ value: any, lastModified: number, cacheControl?: any, tags: string[], epoch: number }} StoredEntry
 */

/**
 * Invalidations stored in PostgreSQL, read and written over a postgres.js client.
 * @param {import("postgres").Sql} sql
 * @returns {InvalidationSource}
 */
export function postgresInvalidationSource(sql) {
  return {
    async readSince(epoch) {
      try {
        const rows = await sql`select tag, epoch::text as epoch from cache_tag_invalidations where epoch > ${epoch} order by epoch`;
        return rows.map((row) => ({ tag: row.tag, epoch: Number(row.epoch) }));
      } catch (error) {
        // Before the first migration nothing can have been invalidated.
        if (/** @type {{ code?: string }} */ (error).code === UNDEFINED_TABLE) return [];
        throw error;
      }
    },
    async invalidate(tags) {
      // The same two statements as invalidateCacheTags (server/cache/cache-invalidation.ts).
      await sql.begin(async (tx) => {
        const [{ epoch }] = await tx`insert into cache_epoch (id, epoch) values (1, 1)
          on conflict (id) do update set epoch = cache_epoch.epoch + 1 returning epoch::text as epoch`;
        const rows = [...new Set(tags)].map((tag) => ({ tag, epoch }));
        await tx`insert into cache_tag_invalidations ${tx(rows, "tag", "epoch")}
          on conflict (tag) do update set epoch = excluded.epoch, invalidated_at = now()`;
      });
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** @param {any} value */
function estimateBytes(value) {
  if (!value) return 25;
  switch (value.kind) {
    case "APP_PAGE": {
      let size = (value.html?.length ?? 0) + (value.rscData?.length ?? 0) + (value.postponed?.length ?? 0);
      if (value.segmentData) for (const [path, buffer] of value.segmentData) size += path.length + (buffer?.length ?? 0);
      return size;
    }
    case "APP_ROUTE":
      return value.body?.length ?? 0;
    case "FETCH":
      return JSON.stringify(value.data ?? "").length;
    case "PAGES":
      return (value.html?.length ?? 0) + (JSON.stringify(value.pageData ?? {})?.length ?? 0);
    default:
      return JSON.stringify(value.props ?? "").length;
  }
}

/**
 * The tags an entry carries, from what Next hands `set`.
 * @param {any} data
 * @param {any} ctx
 * @returns {string[]}
 */
function tagsOfNewEntry(data, ctx) {
  if (!data) return [];
  if (data.kind === "FETCH") return ctx?.tags ? [...ctx.tags] : [];
  const header = data.headers?.[TAGS_HEADER];
  return typeof header === "string" && header ? header.split(",") : [];
}

/** After a failed read of the shared invalidations, gets miss without asking again for this long (ms). */
const SYNC_RETRY_AFTER_MS = 1000;

/**
 * The process-wide cache: entries in an LRU bounded by size, and the invalidations seen so far.
 */
export class TagInvalidatingCacheStore {
  /**
   * @param {{ source?: InvalidationSource | null, maxBytes?: number, now?: () => number }} [options]
   *   source: shared invalidations (PostgreSQL); null or absent = this process's signals only.
   */
  constructor(options = {}) {
    this.source = options.source ?? null;
    this.now = options.now ?? Date.now;
    /** @type {LRUCache<string, StoredEntry>} */
    this.entries = new LRUCache({
      maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
      sizeCalculation: (entry, key) => Math.max(1, key.length + estimateBytes(entry.value)),
    });
    /** Shared mode: the last epoch read, and per tag the epoch of its last invalidation. */
    this.knownEpoch = 0;
    /** @type {Map<string, number>} */
    this.tagEpochs = new Map();
    /**
     * Renders in progress per key: the epoch when the first of them missed, and how many there
     * are, so the result is stamped with the oldest epoch any of them may have read at.
     * @type {Map<string, { epoch: number, pending: number, since: number }>}
     */
    this.pendingRenders = new Map();
    /** @type {Promise<void> | null} */
    this.syncRunning = null;
    /** @type {Promise<void> | null} */
    this.syncQueued = null;
    /** When the last read of the shared invalidations failed (ms), or null. */
    this.syncFailedAt = null;
    /** Counters for benchmarks and tests. */
    this.stats = { hits: 0, misses: 0, invalidated: 0, syncQueries: 0, syncFailures: 0 };
  }

  /** @returns {number} the epoch new entries are stamped with when no render is pending */
  currentEpoch() {
    return this.source ? this.knownEpoch : localTagSignals().counter;
  }

  /** @param {string} tag */
  tagEpoch(tag) {
    return (this.source ? this.tagEpochs.get(tag) : localTagSignals().tags.get(tag)) ?? 0;
  }

  /**
   * Brings the shared invalidations up to date with everything committed before this call. Gets
   * that arrive while a read is running wait for the next read (one that starts after them).
   * @returns {Promise<void>}
   */
  sync() {
    if (!this.source) return Promise.resolve();
    if (this.syncQueued) return this.syncQueued;
    if (!this.syncRunning) return this.startSync();
    const queued = this.syncRunning
      .catch(() => {})
      .then(() => {
        this.syncQueued = null;
        return this.startSync();
      });
    this.syncQueued = queued;
    return queued;
  }

  /** @returns {Promise<void>} */
  startSync() {
    const source = /** @type {InvalidationSource} */ (this.source);
    this.stats.syncQueries += 1;
    const running = source.readSince(this.knownEpoch).then((rows) => {
      for (const { tag, epoch } of rows) {
        if (epoch > (this.tagEpochs.get(tag) ?? 0)) this.tagEpochs.set(tag, epoch);
        if (epoch > this.knownEpoch) this.knownEpoch = epoch;
      }
    });
    const settled = running.finally(() => {
      if (this.syncRunning === settled) this.syncRunning = null;
    });
    this.syncRunning = settled;
    return settled;
  }

  /**
   * @param {string} key
   * @param {any} ctx Next's get context (kind, tags, softTags for data)
   * @param {readonly string[]} [revalidatedTags] tags Next says were revalidated in this request
   */
  async get(key, ctx, revalidatedTags = []) {
    // While the database is unreachable, a render makes several gets: after a failed read, each
    // misses at once for a moment instead of waiting out its own connection attempt (a black-holed
    // database would cost the connect timeout per get).
    if (this.syncFailedAt !== null && this.now() - this.syncFailedAt < SYNC_RETRY_AFTER_MS) {
      this.stats.syncFailures += 1;
      return this.miss(key);
    }
    try {
      await this.sync();
      this.syncFailedAt = null;
    } catch (error) {
      this.syncFailedAt = this.now();
      this.stats.syncFailures += 1;
      if (this.stats.syncFailures === 1 || this.stats.syncFailures % 100 === 0) {
        console.error("[cache] could not read the shared cache invalidations; serving fresh renders:", error);
      }
      return this.miss(key);
    }
    const entry = this.entries.get(key);
    if (!entry) return this.miss(key);
    const tags = entry.value?.kind === "FETCH" ? [...entry.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])] : entry.tags;
    if (tags.some((tag) => this.tagEpoch(tag) > entry.epoch || revalidatedTags.includes(tag))) {
      this.stats.invalidated += 1;
      this.entries.delete(key);
      return this.miss(key);
    }
    // A time-based revalidation will render again: stamp its result like a miss's.
    if (this.isPastRevalidateTime(entry, ctx)) this.beginRender(key);
    this.stats.hits += 1;
    return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
  }

  /**
   * @param {StoredEntry} entry
   * @param {any} ctx
   */
  isPastRevalidateTime(entry, ctx) {
    const revalidate = entry.value?.kind === "FETCH" ? ctx?.revalidate || entry.value.revalidate : entry.cacheControl?.revalidate;
    return typeof revalidate === "number" && revalidate > 0 && entry.lastModified + revalidate * 1000 < this.now();
  }

  /** @param {string} key */
  miss(key) {
    this.stats.misses += 1;
    this.beginRender(key);
    return null;
  }

  /** @param {string} key */
  beginRender(key) {
    const now = this.now();
    if (this.pendingRenders.size > MAX_PENDING_RENDERS) {
      for (const [pendingKey, { since }] of this.pendingRenders) {
        if (now - since >= PENDING_RENDER_TTL_MS) this.pendingRenders.delete(pendingKey);
      }
    }
    const pending = this.pendingRenders.get(key);
    if (pending && now - pending.since < PENDING_RENDER_TTL_MS) pending.pending += 1;
    else this.pendingRenders.set(key, { epoch: this.currentEpoch(), pending: 1, since: now });
  }

  /** @param {string} key */
  stampFor(key) {
    const pending = this.pendingRenders.get(key);
    if (!pending || this.now() - pending.since >= PENDING_RENDER_TTL_MS) {
      this.pendingRenders.delete(key);
      return this.currentEpoch();
    }
    pending.pending -= 1;
    if (pending.pending <= 0) this.pendingRenders.delete(key);
    return pending.epoch;
  }

  /**
   * @param {string} key
   * @param {any} data
   * @param {any} ctx
   */
  async set(key, data, ctx) {
    const epoch = this.stampFor(key);
    this.entries.set(key, {
      value: data,
      lastModified: this.now(),
      cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl,
      tags: tagsOfNewEntry(data, ctx),
      epoch,
    });
  }

  /**
   * Next's revalidateTag/updateTag/revalidatePath. Profiles (stale-while-revalidate durations) are
   * treated as immediate expiry: stricter, and the same on every server.
   * @param {string | string[]} tags
   */
  async revalidateTag(tags) {
    const list = typeof tags === "string" ? [tags] : [...tags];
    if (list.length === 0) return;
    if (this.source) await this.source.invalidate(list);
    else signalLocalTagInvalidation(list);
  }

  async close() {
    await this.source?.close?.();
  }
}

/**
 * The store of this process, created on first use from the environment.
 * @returns {TagInvalidatingCacheStore}
 */
function processStore() {
  /** @type {Record<symbol, TagInvalidatingCacheStore | undefined>} */
  const holder = /** @type {never} */ (globalThis);
  holder[STORE_KEY] ??= createStoreFromEnv();
  return holder[STORE_KEY];
}

function createStoreFromEnv() {
  const url = process.env.DATABASE_URL;
  if (!url || process.env.NEXT_PHASE === "phase-production-build") return new TagInvalidatingCacheStore();
  return new TagInvalidatingCacheStore({ source: postgresInvalidationSource(postgresClientFor(url)) });
}

/**
 * The cache handler's own small pool: reads are one at a time (sync), writes come from revalidateTag only.
 * @param {string} url
 */
export function postgresClientFor(url) {
  return postgres(url, {
    max: 2,
    onnotice: () => {},
    connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT ?? 3) || 3,
    idle_timeout: 30,
    keep_alive: 30,
    // postgres.js waits 3^n/100 s (up to 20 s) before each new connection attempt after failures:
    // with the database down, every page render waited 11–34 s for its cache reads before failing.
    // The app's pool has the same bound (db/client.ts reconnectBackoff).
    backoff: (/** @type {number} */ failures) => Math.min(0.05 * 2 ** failures, 0.5) * (0.5 + Math.random() / 2),
    connection: { application_name: "next-cache-handler" },
  });
}

/** What Next instantiates (per request; the state lives in the process-wide store). */
export default class SharedTagCacheHandler {
  /** @param {{ revalidatedTags?: string[] }} [ctx] */
  constructor(ctx) {
    this.revalidatedTags = ctx?.revalidatedTags ?? [];
  }

  /** @param {string} key @param {any} ctx */
  get(key, ctx) {
    return processStore().get(key, ctx, this.revalidatedTags);
  }

  /** @param {string} key @param {any} data @param {any} ctx */
  set(key, data, ctx) {
    return processStore().set(key, data, ctx);
  }

  /** @param {string | string[]} tags */
  revalidateTag(tags) {
    return processStore().revalidateTag(tags);
  }

  resetRequestCache() {}
}
