import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { hashPassword } from "@/server/auth/passwords";
import { invalidateCacheTags } from "@/server/cache/cache-invalidation";
import { tagsForPublicCityChange } from "@/server/cache/cache-tags";
import { slugifyCityName } from "@/server/cities/city-slug";
import pilotCities from "./data/pilot-cities.json";
import { seedDemoEvidence } from "./demo-evidence";
import { seedDemoKpis } from "./demo-kpis";
import { seedDemoParticipation } from "./demo-participation";
import { seedReferenceDemoData } from "./reference-assessments";

/** Shared by every demo account; listed in the README. */
export const DEMO_PASSWORD = "smartcity-demo";

type DemoAccount = {
  email: string;
  name: string;
  globalRole?: "expert" | "admin";
  city?: string;
  role?: "leadership" | "department" | "partner" | "citizen";
  departmentName?: string;
  organisation?: string;
};

export const DEMO_CITY_EU = "barcelona";
export const DEMO_CITY_CHINA = "shanghai-pudong-new-area";

/**
 * Names are people's names only: the role, department and organisation are data of the membership,
 * and the UI labels authors with them ("Dani (city department)"), so a role in the name doubled it.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.city", name: "Ada Admin", globalRole: "admin" },
  { email: "expert@demo.city", name: "Erik Expert", globalRole: "expert" },
  ...[
    { slug: DEMO_CITY_EU, tag: "barcelona", who: ["Laia", "Dani", "Pau", "Carme"] },
    { slug: DEMO_CITY_CHINA, tag: "pudong", who: ["Li Wei", "Zhang Min", "Wang Fang", "Chen Jie"] },
  ].flatMap(({ slug, tag, who }): DemoAccount[] => [
    { email: `leadership.${tag}@demo.city`, name: who[0], city: slug, role: "leadership" },
    {
      email: `department.${tag}@demo.city`,
      name: who[1],
      city: slug,
      role: "department",
      departmentName: "Urban Planning",
    },
    {
      email: `partner.${tag}@demo.city`,
      name: who[2],
      city: slug,
      role: "partner",
      organisation: "Smart Infra Partners",
    },
    { email: `citizen.${tag}@demo.city`, name: who[3], city: slug, role: "citizen" },
  ]),
];

/** Inserts the 30 pilot cities (idempotent by slug). */
export async function seedPilotCities(db: Db): Promise<void> {
  await db
    .insert(cities)
    .values(
      pilotCities.cities.map((c) => ({
        slug: slugifyCityName(c.name),
        name: c.name,
        country: c.country,
        region: c.region as "EU" | "China",
        isPilot: true,
      })),
    )
    .onConflictDoNothing();
}

/**
 * First start only: never touches a database that already has users, so it cannot overwrite or
 * duplicate anything in a real deployment. All of it is one transaction, so the users it inserts are
 * the seed-once marker: a seed that fails leaves nothing behind and the next attempt starts clean.
 * Callers that may race (several app servers) hold the start-up lock (db/client.ts withStartupLock).
 */
export async function seedDemoDataIfEmpty(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const seedDb: Db = tx;
    const [{ n }] = await seedDb.select({ n: count() }).from(users);
    if (n > 0) return false;
    await seedDemoAccounts(seedDb, await hashPassword(DEMO_PASSWORD));
    for (const hook of demoSeedHooks) await hook(seedDb);
    // A seed that completes while the app already serves (a retried one) must not leave cached
    // "no data" public pages behind.
    const seeded = await seedDb.select({ slug: cities.slug }).from(cities);
    await invalidateCacheTags(seedDb, tagsForPublicCityChange(...seeded.map((c) => c.slug)));
    return true;
  });
}

async function seedDemoAccounts(db: Db, passwordHash: string): Promise<void> {
  await seedPilotCities(db);
  const cityRows = await db.select({ id: cities.id, slug: cities.slug }).from(cities);
  const cityIdBySlug = new Map(cityRows.map((c) => [c.slug, c.id]));
  for (const account of DEMO_ACCOUNTS) {
    const [user] = await db
      .insert(users)
      .values({ email: account.email, name: account.name, passwordHash, globalRole: account.globalRole ?? null })
      .returning({ id: users.id });
    if (account.city && account.role) {
      const cityId = cityIdBySlug.get(account.city);
      if (!cityId) throw new Error(`demo city ${account.city} missing`);
      await db.insert(memberships).values({
        cityId,
        userId: user.id,
        role: account.role,
        departmentName: account.departmentName ?? null,
        organisation: account.organisation ?? null,
      });
    }
  }
}

/**
 * Later slices add their demo data (reference assessments, a draft assessment with evidence) here,
 * in order, after cities and accounts exist.
 */
const demoSeedHooks: Array<(db: Db) => Promise<void>> = [seedReferenceDemoData, seedDemoEvidence, seedDemoParticipation, seedDemoKpis];
