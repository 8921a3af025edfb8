import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { callerFor, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

/**
 * Search has its own limit (SEARCH_RATE_LIMIT a minute): per signed-in user, or per address for
 * anonymous callers, counted in the shared store like the public API limit.
 */

const LIMIT = 3;
let h: DatabaseHandle;
const saved = process.env.SEARCH_RATE_LIMIT;

beforeAll(async () => {
  process.env.SEARCH_RATE_LIMIT = String(LIMIT); // read when this database's search limiter is made
  h = await createTestDb();
});
afterAll(async () => {
  if (saved === undefined) delete process.env.SEARCH_RATE_LIMIT;
  else process.env.SEARCH_RATE_LIMIT = saved;
  await h.close();
});

describe("search rate limit", () => {
  it("refuses the search after the limit with 429 and a retry time, per address and per user", async () => {
    const anonymous = callerFor(h.db, null, "198.51.100.7");
    for (let i = 0; i < LIMIT; i++) await anonymous.search.query({ q: "strategy" });
    const refused = await expectTrpcError(anonymous.search.query({ q: "strategy" }), "TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/at most 3 per minute/);

    // Another address, and a signed-in user on the same address, have their own counts.
    await expect(callerFor(h.db, null, "198.51.100.8").search.query({ q: "strategy" })).resolves.toBeTruthy();
    const user = await makeUser(h.db);
    const signedIn = callerFor(h.db, user.id, "198.51.100.7");
    for (let i = 0; i < LIMIT; i++) await signedIn.search.query({ q: "strategy" });
    await expectTrpcError(signedIn.search.query({ q: "strategy" }), "TOO_MANY_REQUESTS");
  });
});
