import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cities } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { cursorPart, defineCursor } from "@/server/pagination/cursor";
import type { CharacteristicKey } from "@/shared/domain-values";
import { slugsMatchingChineseName } from "./city-names";
import type { CityList, cityListQuerySchema, PublicCity } from "./public-schemas";
import { cityRef, latestAssessmentsOf } from "./published-rows";

/** Cities are paged by (name, id); assessments by (published_at as exact text, id). */
const cityCursor = defineCursor(z.tuple([cursorPart.text, cursorPart.uuid]));

/**
 * Cities with their latest published assessment, by name. The level filter works on derived levels,
 * so it cannot run in SQL: cities are read in batches after the cursor until the page is full.
 */
export async function listPublicCities(db: DbOrTx, query: z.output<typeof cityListQuerySchema>, locale: Locale = "en"): Promise<CityList> {
  const after = cityCursor.decode(query.cursor);
  const conditions: SQL[] = [];
  if (query.search) {
    const byName = sql`${cities.name} ilike ${`%${query.search.replace(/[%_\\]/g, "\\$&")}%`}`;
    // A search in Chinese finds the pilot cities by their Chinese names too.
    const zhSlugs = slugsMatchingChineseName(query.search);
    conditions.push(zhSlugs.length ? or(byName, inArray(cities.slug, zhSlugs))! : byName);
  }
  if (query.region) conditions.push(eq(cities.region, query.region));
  const batchSize = query.level ? Math.max(query.limit * 2, 50) : query.limit + 1;
  const found: { id: string; city: PublicCity }[] = [];
  let position: readonly [string, string] | null = after;
  for (;;) {
    const where = [...conditions];
    if (position) where.push(sql`(${cities.name}, ${cities.id}) > (${position[0]}, ${position[1]}::uuid)`);
    const rows = await db
      .select()
      .from(cities)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(cities.name), asc(cities.id))
      .limit(batchSize);
    const latestByCity = await latestAssessmentsOf(
      db,
      rows.map((r) => r.id),
    );
    for (const city of rows) {
      const latest = latestByCity.get(city.id) ?? null;
      if (query.level && !hasLevel(latest?.levels, query.level, query.characteristic)) continue;
      found.push({
        id: city.id,
        city: { ...cityRef(city, locale), population: city.population, isPilot: city.isPilot, latestAssessment: latest },
      });
      if (found.length > query.limit) break;
    }
    if (found.length > query.limit || rows.length < batchSize) break;
    const last = rows[rows.length - 1];
    position = [last.name, last.id];
  }
  const page = found.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((f) => f.city),
    nextCursor: found.length > query.limit ? cityCursor.encode([last.city.name, last.id]) : null,
  };
}

function hasLevel(
  levels: Record<CharacteristicKey, string> | undefined,
  level: string,
  characteristic: CharacteristicKey | undefined,
): boolean {
  if (!levels) return false;
  return characteristic ? levels[characteristic] === level : Object.values(levels).includes(level);
}
