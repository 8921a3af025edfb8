import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import type { CityRole, GlobalRole } from "@/server/auth/permissions";
import { slugifyCityName } from "@/server/cities/city-slug";
import { createCaller } from "@/server/trpc/root-router";

/** Factories make unique rows, so test files share one database without resetting it. */
export async function makeCity(db: Db, overrides: Partial<typeof cities.$inferInsert> = {}) {
  const name = overrides.name ?? `Testville ${randomUUID().slice(0, 8)}`;
  const [city] = await db
    .insert(cities)
    .values({ name, slug: slugifyCityName(name), country: "Testland", region: "EU", ...overrides })
    .returning();
  return city;
}

export async function makeUser(db: Db, options: { globalRole?: GlobalRole; name?: string } = {}) {
  const id = randomUUID().slice(0, 8);
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${id}@example.test`,
      name: options.name ?? `User ${id}`,
      // Not a valid argon2 hash on purpose: factory users sign in through callers, not passwords.
      passwordHash: "x",
      globalRole: options.globalRole ?? null,
    })
    .returning();
  return user;
}

export async function makeMember(
  db: Db,
  cityId: string,
  role: CityRole,
  extra: { departmentName?: string; organisation?: string } = {},
) {
  const user = await makeUser(db);
  await db.insert(memberships).values({
    cityId,
    userId: user.id,
    role,
    departmentName: extra.departmentName ?? (role === "department" ? "Test Department" : null),
    organisation: extra.organisation ?? (role === "partner" ? "Test Partner Ltd" : null),
  });
  return user;
}

/** A tRPC caller acting as `userId` (null: anonymous), with the same middleware as over HTTP. */
export function callerFor(db: Db, userId: string | null, clientIp = "127.0.0.1") {
  return createCaller({ db, userId, clientIp });
}

/** One user per role for a city, plus an outsider (member of another city) and the global roles. */
export async function makeCityCast(db: Db) {
  const city = await makeCity(db);
  const otherCity = await makeCity(db);
  const [leadership, department, partner, citizen, outsider, expert, admin, signedIn] = await Promise.all([
    makeMember(db, city.id, "leadership"),
    makeMember(db, city.id, "department"),
    makeMember(db, city.id, "partner"),
    makeMember(db, city.id, "citizen"),
    makeMember(db, otherCity.id, "leadership"),
    makeUser(db, { globalRole: "expert" }),
    makeUser(db, { globalRole: "admin" }),
    makeUser(db),
  ]);
  return { city, otherCity, users: { leadership, department, partner, citizen, outsider, expert, admin, signedIn } };
}
export type CityCast = Awaited<ReturnType<typeof makeCityCast>>;
/** Every caller identity the authorization matrices run through. */
export const CAST_IDENTITIES = ["anonymous", "signedIn", "outsider", "citizen", "partner", "department", "leadership", "expert", "admin"] as const;
export type CastIdentity = (typeof CAST_IDENTITIES)[number];
export function castUserId(cast: CityCast, who: CastIdentity): string | null {
  return who === "anonymous" ? null : cast.users[who].id;
}
