import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cities } from "@/db/schema/identity";
import { invalidateCacheTags } from "@/server/cache/cache-invalidation";
import { PUBLIC_KPI_BENCHMARKS_TAG, publicCityKpisTag } from "@/server/cache/cache-tags";

/**
 * Drops the cached public KPI data of a city (its KPI page and API answers) and every indicator
 * benchmark, on every app server. Call it inside the transaction of any write that changes what the
 * public sees of a city's KPI register: publishing or unpublishing an entry, archiving a public one,
 * editing a public entry (name, unit, baseline, target, key), and adding, correcting, importing or
 * deleting a measurement of a public entry. A write to an unpublished entry needs no call (nothing
 * public changes); calling anyway is harmless.
 */
export async function invalidatePublicKpis(tx: DbOrTx, city: { cityId: string } | { citySlug: string }): Promise<void> {
  let slug: string | undefined;
  if ("citySlug" in city) slug = city.citySlug;
  else {
    const [row] = await tx.select({ slug: cities.slug }).from(cities).where(eq(cities.id, city.cityId)).limit(1);
    slug = row?.slug;
  }
  await invalidateCacheTags(tx, slug ? [publicCityKpisTag(slug), PUBLIC_KPI_BENCHMARKS_TAG] : [PUBLIC_KPI_BENCHMARKS_TAG]);
}
