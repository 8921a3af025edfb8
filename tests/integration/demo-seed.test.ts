import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { authenticateWithPassword } from "@/server/accounts/sign-up";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoDataIfEmpty } from "@/server/seed/demo";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe("demo data", () => {
  it("seeds the 30 pilot cities and one working account per role into an empty database", async () => {
    expect(await seedDemoDataIfEmpty(h.db)).toBe(true);
    const [{ n: cityCount }] = await h.db.select({ n: count() }).from(cities);
    expect(cityCount).toBe(30);
    const regions = await h.db.select({ region: cities.region, n: count() }).from(cities).groupBy(cities.region);
    expect(Object.fromEntries(regions.map((r) => [r.region, r.n]))).toEqual({ EU: 15, China: 15 });

    const roles = new Set<string>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await authenticateWithPassword(h.db, account.email, DEMO_PASSWORD);
      expect(user, account.email).not.toBeNull();
      roles.add(account.globalRole ?? account.role!);
    }
    expect([...roles].sort()).toEqual(["admin", "citizen", "department", "expert", "leadership", "partner"]);
    const chinaLeaders = await h.db
      .select({ region: cities.region })
      .from(memberships)
      .innerJoin(cities, eq(cities.id, memberships.cityId))
      .where(eq(memberships.role, "leadership"));
    expect(chinaLeaders.map((r) => r.region).sort()).toEqual(["China", "EU"]);
  });

  it("never runs again once the database has users", async () => {
    const [{ n: before }] = await h.db.select({ n: count() }).from(users);
    expect(await seedDemoDataIfEmpty(h.db)).toBe(false);
    const [{ n: after }] = await h.db.select({ n: count() }).from(users);
    expect(after).toBe(before);
  });
});
