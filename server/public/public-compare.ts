import { inArray } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { cities } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { DomainError } from "@/server/errors/domain-error";
import type { Comparison, compareQuerySchema } from "./public-schemas";
import { cityRef, latestAssessmentsOf } from "./published-rows";

/** The latest published assessment of each named city, in the order given; unknown slugs are NOT_FOUND. */
export async function compareCities(db: DbOrTx, query: z.output<typeof compareQuerySchema>, locale: Locale = "en"): Promise<Comparison> {
  const slugs = [...new Set(query.city)];
  if (slugs.length === 0) return { cities: [] };
  const rows = await db.select().from(cities).where(inArray(cities.slug, slugs));
  const bySlug = new Map(rows.map((c) => [c.slug, c]));
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length > 0) {
    throw new DomainError("NOT_FOUND", `No city has the address ${missing.join(", ")}.`, {
      fieldErrors: { city: [`Unknown city: ${missing.join(", ")}`] },
    });
  }
  const latest = await latestAssessmentsOf(
    db,
    rows.map((c) => c.id),
  );
  return {
    cities: slugs.map((slug) => {
      const city = bySlug.get(slug)!;
      return { city: cityRef(city, locale), assessment: latest.get(city.id) ?? null };
    }),
  };
}
