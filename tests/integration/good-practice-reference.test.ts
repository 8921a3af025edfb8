import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { cities, users } from "@/db/schema/identity";
import { DEMO_CITY_CHINA, DEMO_CITY_EU, seedDemoDataIfEmpty } from "@/server/seed/demo";
import { callerFor } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemoDataIfEmpty(h.db);
});
afterAll(() => h.close());

async function idOf(table: "city" | "user", key: string) {
  const [row] =
    table === "city"
      ? await h.db.select({ id: cities.id }).from(cities).where(eq(cities.slug, key))
      : await h.db.select({ id: users.id }).from(users).where(eq(users.email, key));
  return row.id;
}

describe("good-practice finder on the demo data (the 25 pilot cities of the reference dataset)", () => {
  it("finds illustrative peers for the demo Pudong leadership's next steps, most similar first, filtered by region", async () => {
    const caller = callerFor(h.db, await idOf("user", "leadership.pudong@demo.city"));
    const cityId = await idOf("city", DEMO_CITY_CHINA);
    const all = await caller.goodPractice.finder({ cityId });
    const peers = all.steps.flatMap((s) => s.peers);
    expect(peers.length).toBeGreaterThan(0);
    expect(peers.every((p) => p.illustrative && p.previousCycle === null && p.city.id !== cityId)).toBe(true);
    for (const step of all.steps) {
      const similarities = step.peers.map((p) => p.similarity ?? -1);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    }
    const eu = await caller.goodPractice.finder({ cityId, region: "EU" });
    expect(eu.steps.flatMap((s) => s.peers).every((p) => p.city.region === "EU")).toBe(true);
    const funding = eu.steps.find((s) => s.characteristicKey === "funding")!;
    expect(funding.peers.map((p) => p.city.slug)).toContain(DEMO_CITY_EU);
  });

  it("uses the last published cycle while the open draft has no level yet (Barcelona leads, so no peer made its steps)", async () => {
    const caller = callerFor(h.db, await idOf("user", "leadership.barcelona@demo.city"));
    const finder = await caller.goodPractice.finder({ cityId: await idOf("city", DEMO_CITY_EU) });
    expect(finder.assessment).toMatchObject({ cycle: "2013", status: "published" });
    expect(finder.steps.length).toBeGreaterThan(0);
    expect(finder.steps.every((s) => s.peers.length === 0)).toBe(true);
  });
});
