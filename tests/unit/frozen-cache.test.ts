import { describe, expect, it } from "vitest";
import { FrozenCache, frozenKey } from "@/server/public/frozen-cache";

describe("frozen cache (lru-cache)", () => {
  it("keeps at most maxEntries, evicting the least recently used", () => {
    const cache = new FrozenCache<{ n: number }>({ maxEntries: 2, maxBytes: 1_000_000 });
    cache.set("a", { n: 1 });
    cache.set("b", { n: 2 });
    expect(cache.get("a")).toEqual({ n: 1 }); // a is now the most recent
    cache.set("c", { n: 3 });
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual({ n: 1 });
    expect(cache.get("c")).toEqual({ n: 3 });
  });

  it("keeps the estimated bytes under maxBytes and skips a value larger than the budget", () => {
    const cache = new FrozenCache<{ text: string }>({ maxEntries: 100, maxBytes: 1_000 });
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, { text: "x".repeat(190) }); // ~400 bytes each
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
    expect(cache.size).toBe(2);
    expect(cache.get("k9")).toBeDefined();
    cache.set("huge", { text: "x".repeat(5_000) });
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.get("k9")).toBeDefined();
  });

  it("deep-freezes stored values and ignores rows not known to be frozen", () => {
    const cache = new FrozenCache<{ list: number[] }>({ maxEntries: 10, maxBytes: 10_000 });
    const value = { list: [1, 2] };
    cache.set("a", value);
    expect(Object.isFrozen(cache.get("a")!.list)).toBe(true);
    expect(frozenKey({ id: "x", status: "approved", version: 1, publishedAt: new Date() })).toBeNull();
    cache.set(null, value);
    expect(cache.get(null)).toBeUndefined();
  });
});
