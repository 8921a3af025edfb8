import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema/rate-limits";
import { createBatchedSharedLimiter, defaultBatchSize } from "@/server/http/rate-limit";
import { createQueryCounter, type QueryCounter } from "../helpers/query-counter";
import { createTestDb } from "../helpers/test-db";

/**
 * The public API limit counts locally and writes its counts to the shared table in batches: far
 * fewer writes than requests, the limit still shared by every app server within the documented
 * bound ((servers − 1) × (batch size − 1) per window), exact near the limit on one server.
 */

let h: DatabaseHandle;
let counter: QueryCounter;

beforeAll(async () => {
  h = await createTestDb();
  counter = createQueryCounter(h);
});
afterAll(() => h.close());

async function storedPoints(key: string) {
  const [row] = await h.db.select().from(rateLimits).where(eq(rateLimits.key, key));
  return row?.points ?? 0;
}

describe("batched shared limiter", () => {
  it("allows exactly the limit on one server, with a fraction of the writes", async () => {
    const limiter = createBatchedSharedLimiter(counter.db, { keyPrefix: "t-one", points: 100, durationSeconds: 60, batchSize: 10 });
    const { result: allowed, count } = await counter.measure(async () => {
      const out: boolean[] = [];
      for (let i = 0; i < 130; i++) out.push((await limiter.hit("203.0.113.1")).allowed);
      await limiter.flush();
      return out;
    });
    expect(allowed.filter(Boolean)).toHaveLength(100);
    expect(allowed.slice(0, 100).every(Boolean)).toBe(true);
    // The first hit, one write per 10 hits, then one per hit within 10 of the limit, then none.
    expect(count).toBeLessThanOrEqual(25);
    expect(await storedPoints("t-one:203.0.113.1")).toBeGreaterThanOrEqual(100);
  });

  it("shares the count between two app servers within (servers − 1) × (batch − 1)", async () => {
    const batchSize = 8;
    const a = createBatchedSharedLimiter(h.db, { keyPrefix: "t-two", points: 100, durationSeconds: 60, batchSize });
    const b = createBatchedSharedLimiter(h.db, { keyPrefix: "t-two", points: 100, durationSeconds: 60, batchSize });
    let allowed = 0;
    for (let i = 0; i < 300; i++) if ((await (i % 3 === 0 ? a : b).hit("198.51.100.7")).allowed) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThanOrEqual(100 + (2 - 1) * (batchSize - 1));
    await Promise.all([a.flush(), b.flush()]);
    expect((await a.hit("198.51.100.7")).allowed).toBe(false);
    expect((await b.hit("198.51.100.7")).allowed).toBe(false);
    // Another address has its own count.
    expect((await a.hit("198.51.100.8")).allowed).toBe(true);
  });

  it("counts a server's hits towards the other's at the latest after the flush interval", async () => {
    const a = createBatchedSharedLimiter(h.db, { keyPrefix: "t-flush", points: 1000, durationSeconds: 60, batchSize: 50 });
    for (let i = 0; i < 30; i++) await a.hit("192.0.2.9");
    await a.flush();
    expect(await storedPoints("t-flush:192.0.2.9")).toBe(30);
  });

  it("refuses a flood from memory: no query once the key is over its limit", async () => {
    const limiter = createBatchedSharedLimiter(counter.db, { keyPrefix: "t-flood", points: 5, durationSeconds: 60 });
    for (let i = 0; i < 6; i++) await limiter.hit("192.0.2.50");
    const { result, count } = await counter.measure(async () => {
      const out = [];
      for (let i = 0; i < 200; i++) out.push(await limiter.hit("192.0.2.50"));
      return out;
    });
    expect(count).toBe(0);
    expect(result.every((d) => !d.allowed && d.retryAfterSeconds > 0 && d.retryAfterSeconds <= 60)).toBe(true);
  });

  it("opens a new window when the old one ends", async () => {
    let clock = Date.now();
    const limiter = createBatchedSharedLimiter(h.db, { keyPrefix: "t-window", points: 3, durationSeconds: 60, now: () => clock });
    const first = [];
    for (let i = 0; i < 4; i++) first.push((await limiter.hit("192.0.2.77")).allowed);
    expect(first).toEqual([true, true, true, false]);
    clock += 61_000;
    expect((await limiter.hit("192.0.2.77")).allowed).toBe(true);
  });

  it("counts exactly for small limits (a batch of one) and batches 5 % of larger ones", () => {
    expect(defaultBatchSize(10)).toBe(1);
    expect(defaultBatchSize(39)).toBe(1);
    expect(defaultBatchSize(120)).toBe(6);
    expect(defaultBatchSize(1_000_000)).toBe(50);
  });
});
