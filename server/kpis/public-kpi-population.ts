import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cities } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { invalidateCacheTags } from "@/server/cache/cache-invalidation";
import { tagsForPublicCityChange } from "@/server/cache/cache-tags";
import { DomainError } from "@/server/errors/domain-error";

/**
 * The city's population as its leadership (or an admin) enters it: the only source of the per-capita
 * KPI benchmarks. Nothing estimates it; null means "not provided" and keeps the city out of per capita.
 */
export const cityPopulationSchema = z.object({
  population: z
    .number({ message: "Population must be a number." })
    .int({ message: "Population must be a whole number." })
    .min(1, { message: "Population must be at least 1." })
    .max(100_000_000, { message: "Population must be at most 100 000 000." })
    .nullable(),
});

export async function setCityPopulation(
  db: Db,
  actor: { userId: string; role: Role },
  cityId: string,
  population: number | null,
): Promise<{ cityId: string; population: number | null }> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ slug: cities.slug, population: cities.population }).from(cities).where(eq(cities.id, cityId));
    if (!before) throw new DomainError("NOT_FOUND", "City not found.");
    await tx.update(cities).set({ population }).where(eq(cities.id, cityId));
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "city.set_population",
      entityType: "city",
      entityId: cityId,
      cityId,
      before: { population: before.population },
      after: { population },
    });
    // The city page shows it; per-capita benchmarks and the KPI page depend on it.
    await invalidateCacheTags(tx, tagsForPublicCityChange(before.slug));
    return { cityId, population };
  });
}
