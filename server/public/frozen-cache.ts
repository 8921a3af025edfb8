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

export type FrozenRow = { id: string; version?: number; status?: string; publishedAt?: Date | null };

/** The cache key of a published assessment, or null when the row is not known to be frozen. */
export function frozenKey(row: FrozenRow): string | null {
  if (row.status !== "published" || row.version === undefined || !row.publishedAt) return null;
  return `${row.id}:${row.version}:${row.publishedAt.getTime()}`;
}

/**
 * A small LRU map: a hit moves the entry to the back, inserts evict from the front. Values are
 * deep-frozen when stored: every request shares them, so none may change one for the next.
 */
export class FrozenCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly maxEntries: number) {}

  get(key: string | null): V | undefined {
    if (key === null || cacheDisabled()) return undefined;
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string | null, value: V): void {
    if (key === null) return;
    this.entries.delete(key);
    this.entries.set(key, deepFreeze(value));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** FROZEN_CACHE_DISABLED=1 turns the reuse off (read per call): an escape hatch, and the "before" of bench/README.md. */
function cacheDisabled(): boolean {
  return process.env.FROZEN_CACHE_DISABLED === "1";
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
