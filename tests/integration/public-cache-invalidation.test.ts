import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { cacheTagInvalidations } from "@/db/schema";
import { PUBLIC_BENCHMARK_TAG, PUBLIC_CITIES_TAG, publicCityTag } from "@/server/cache/cache-tags";
import { callerFor, makeAssessment, makeCity, makeMember, makeUser, READY } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * The writes that change what the public sees invalidate exactly the cache tags of what they change
 * (server/cache/cache-tags.ts), in their own transaction; writes that change nothing public
 * invalidate nothing. The served pages' side is tested end to end in tests/e2e/workflow.spec.ts.
 */
describe("cache invalidation by the writes that change public pages", () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(() => h.close());

  /** The epoch at which each of `tags` was last invalidated (undefined: never). */
  async function epochs(tags: string[]): Promise<Record<string, number | undefined>> {
    const rows = await h.db.select().from(cacheTagInvalidations).where(inArray(cacheTagInvalidations.tag, tags));
    return Object.fromEntries(tags.map((tag) => [tag, rows.find((r) => r.tag === tag)?.epoch as number | undefined]));
  }

  it("publication, withdrawal and republication invalidate the city's page, the cities list and the benchmark — not other cities", async () => {
    const city = await makeCity(h.db);
    const other = await makeCity(h.db);
    const leader = await makeMember(h.db, city.id, "leadership");
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const assessment = await makeAssessment(h.db, { cityId: city.id, cycle: "2025", status: "approved" });
    const tags = [publicCityTag(city.slug), PUBLIC_CITIES_TAG, PUBLIC_BENCHMARK_TAG];

    let last = await epochs(tags);
    for (const step of [
      () => callerFor(h.db, leader.id).workflow.publish({ assessmentId: assessment.id }),
      () => callerFor(h.db, admin.id).workflow.unpublish({ assessmentId: assessment.id, reason: "Correcting figures" }),
      () => callerFor(h.db, leader.id).workflow.publish({ assessmentId: assessment.id }),
    ]) {
      await step();
      const now = await epochs(tags);
      for (const tag of tags) expect(now[tag], tag).toBeGreaterThan(last[tag] ?? 0);
      last = now;
    }
    expect((await epochs([publicCityTag(other.slug)]))[publicCityTag(other.slug)]).toBeUndefined();
  });

  it("a transition that does not touch publication invalidates nothing", async () => {
    const city = await makeCity(h.db);
    const leader = await makeMember(h.db, city.id, "leadership");
    const assessment = await makeAssessment(h.db, { ...READY, cityId: city.id, cycle: "2025", status: "draft", authorId: leader.id });
    await callerFor(h.db, leader.id).workflow.submitForReview({ assessmentId: assessment.id });
    expect((await epochs([publicCityTag(city.slug)]))[publicCityTag(city.slug)]).toBeUndefined();
  });

  it("creating and renaming a city invalidate its page (a cached 'not found' included) and the lists", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const created = await callerFor(h.db, admin.id).cities.create({
      name: `Cache Town ${crypto.randomUUID().slice(0, 6)}`,
      country: "Xland",
      region: "other",
      approvalsRequired: 1,
    });
    const tags = [publicCityTag(created.slug), PUBLIC_CITIES_TAG, PUBLIC_BENCHMARK_TAG];
    const afterCreate = await epochs(tags);
    for (const tag of tags) expect(afterCreate[tag], tag).toBeDefined();

    const renamed = await callerFor(h.db, admin.id).cities.update({ cityId: created.id, name: `${created.name} Renamed` });
    expect(renamed.slug).toBe(created.slug);
    const afterRename = await epochs(tags);
    for (const tag of tags) expect(afterRename[tag], tag).toBeGreaterThan(afterCreate[tag] ?? 0);
    const [row] = await h.db
      .select()
      .from(cacheTagInvalidations)
      .where(eq(cacheTagInvalidations.tag, publicCityTag(created.slug)));
    expect(row).toBeDefined();
  });

  it("a refused rename changes nothing and invalidates nothing", async () => {
    const city = await makeCity(h.db);
    const leader = await makeMember(h.db, city.id, "leadership");
    await expect(callerFor(h.db, leader.id).cities.update({ cityId: city.id, name: "Taken Over" })).rejects.toThrow();
    expect((await epochs([publicCityTag(city.slug)]))[publicCityTag(city.slug)]).toBeUndefined();
  });
});
