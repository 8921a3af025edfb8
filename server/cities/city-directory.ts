import { and, asc, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cities } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { invalidateCacheTags } from "@/server/cache/cache-invalidation";
import { tagsForPublicCityChange } from "@/server/cache/cache-tags";
import { DomainError } from "@/server/errors/domain-error";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { REGIONS } from "@/shared/domain-values";
import { slugifyCityName } from "./city-slug";

export const cityListFilterSchema = z.object({
  search: text().trim().max(100).optional(),
  region: z.enum(REGIONS).optional(),
});

export async function listCities(db: Db, filter: z.infer<typeof cityListFilterSchema> = {}) {
  const conditions: SQL[] = [];
  if (filter.search) conditions.push(ilike(cities.name, `%${filter.search.replace(/[%_\\]/g, "\\$&")}%`));
  if (filter.region) conditions.push(eq(cities.region, filter.region));
  return db
    .select()
    .from(cities)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(cities.region), asc(cities.name));
}

export async function findCityBySlug(db: Db, slug: string) {
  const [city] = await db.select().from(cities).where(eq(cities.slug, slug)).limit(1);
  return city ?? null;
}

export const createCitySchema = z.object({
  name: text()
    .trim()
    .min(2, { message: validationMessage("validation.city.nameRequired") })
    .max(160),
  country: text()
    .trim()
    .min(2, { message: validationMessage("validation.city.countryRequired") })
    .max(80),
  region: z.enum(REGIONS, { message: validationMessage("validation.city.region") }),
  population: z
    .number()
    .int()
    .positive({ message: validationMessage("validation.city.population") })
    .optional(),
  approvalsRequired: z.number().int().min(1).max(20).default(1),
});

export async function createCity(db: Db, actor: { userId: string; role: Role }, input: z.infer<typeof createCitySchema>) {
  return db.transaction(async (tx) => {
    const [city] = await tx
      .insert(cities)
      .values({ ...input, slug: slugifyCityName(input.name) })
      .returning();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "city.create",
      entityType: "city",
      entityId: city.id,
      cityId: city.id,
      after: input,
    });
    // The cities list shows it; a cached "not found" of its address must go.
    await invalidateCacheTags(tx, tagsForPublicCityChange(city.slug));
    return city;
  });
}

/**
 * What an admin may correct about a city: its name, country and region. The address (slug) stays,
 * so links to the city page and its open data keep working after a rename.
 */
export const updateCitySchema = createCitySchema.pick({ name: true, country: true, region: true }).partial();

export async function updateCity(db: Db, actor: { userId: string; role: Role }, cityId: string, input: z.infer<typeof updateCitySchema>) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(cities).where(eq(cities.id, cityId)).for("update");
    if (!before) throw new DomainError("NOT_FOUND", "City not found.");
    const [after] = await tx.update(cities).set(input).where(eq(cities.id, cityId)).returning();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "city.update",
      entityType: "city",
      entityId: cityId,
      cityId,
      before: { name: before.name, country: before.country, region: before.region },
      after: { name: after.name, country: after.country, region: after.region },
    });
    // Its page, the cities list and the benchmark/compare pages name it.
    await invalidateCacheTags(tx, tagsForPublicCityChange(after.slug));
    return after;
  });
}
