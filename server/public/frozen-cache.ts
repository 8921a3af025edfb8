/**
 * A published assessment is frozen: the database refuses every write to it and to what belongs to
 * it (judgements, ratings, evidence, revisions, reviews; migration 0002), every workflow transition
 * bumps its `version`, and each publication sets a new `publishedAt`. Whatever is derived from a
 * published assessment alone (its score, its accepted evidence) can therefore be kept per process
 * under (id, version, publishedAt) without invalidation: a changed assessment comes with a new key.
 *
 * Measured on the generated city-scale data (bench/README.md): the public reads spent most of their
 * time re-reading and re-scoring the same frozen rows on every request.
 */

import { LRUCache } from "lru-cache";
import { env } from "@/env";

export type FrozenRow = { id: string; version?: number; status?: string; publishedAt?: Date | null };

/** The cache key of a published assessment, or null when the row is not known to be frozen. */
export function frozenKey(row: FrozenRow): string | null {
  if (row.status !== "published" || row.version === undefined || !row.publishedAt) return null;
  return `${row.id}:${row.version}:${row.publishedAt.getTime()}`;
}

/**
 * A least-recently-used cache (`lru-cache`) bounded both by entry count and by an estimate of the
 * memory its values hold (their JSON length, two bytes a character), so a few very large values
 * (evidence payloads) cannot grow a process without bound; a value larger than the whole budget is
 * simply not kept. Values are deep-frozen when stored: every request shares them, so none may change
 * one for the next. Each process keeps its own cache; with several servers each warms its own, and
 * none needs telling about a change (a changed assessment comes with a new key).
 */
export class FrozenCache<V extends object> {
  private readonly entries: LRUCache<string, V>;

  constructor({ maxEntries, maxBytes }: { maxEntries: number; maxBytes: number }) {
    this.entries = new LRUCache<string, V>({ max: maxEntries, maxSize: maxBytes, sizeCalculation: approximateBytes });
  }

  get(key: string | null): V | undefined {
    if (key === null || cacheDisabled()) return undefined;
    return this.entries.get(key);
  }

  set(key: string | null, value: V): void {
    if (key === null) return;
    this.entries.set(key, deepFreeze(value));
  }

  get size(): number {
    return this.entries.size;
  }

  /** The estimated bytes held (see approximateBytes). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }
}

/** JSON length × 2 (UTF-16): an estimate computed once per stored value, on a cache miss only. */
function approximateBytes(value: object): number {
  return Math.max(1, (JSON.stringify(value)?.length ?? 1) * 2);
}

/** FROZEN_CACHE_DISABLED=1 turns the reuse off (read per call): an escape hatch, and the "before" of bench/README.md. */
function cacheDisabled(): boolean {
  return env.FROZEN_CACHE_DISABLED;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
