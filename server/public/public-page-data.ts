import "server-only";
import { unstable_cache } from "next/cache";
import type { z } from "zod";
import { getDb } from "@/db/app-db";
import type { Locale } from "@/i18n/locales";
import { PUBLIC_BENCHMARK_TAG, PUBLIC_CITIES_TAG, publicCityTag } from "@/server/cache/cache-tags";
import { DomainError } from "@/server/errors/domain-error";
import { getBenchmark } from "./public-benchmark";
import { listPublicCities } from "./public-cities";
import { getCityPage } from "./public-city-page";
import { compareCities } from "./public-compare";
import type { benchmarkQuerySchema, cityListQuerySchema, compareQuerySchema } from "./public-schemas";

/**
 * The data of the public pages, through Next's data cache with the tags of server/cache/cache-tags.ts.
 * The pages themselves are cached whole (they read nothing per request); each carries the tags of
 * the data it read, so invalidating a tag (server/cache/cache-invalidation.ts, on publication,
 * withdrawal and city changes) renders exactly the affected pages again, on every server.
 *
 * Same domain functions and rules as the `public.*` procedures and the REST API; no request
 * context: a cached page is built once for everyone, so there is no viewer and no per-address limit.
 */

/** The value, or null when the domain says the thing asked for does not exist. */
export async function nullIfNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

/** A city's public page, or null when no city has this address (cached too, under the same tag). */
export function loadPublicCityPage(slug: string, locale: Locale) {
  return unstable_cache(
    async () => nullIfNotFound(async () => getCityPage(await getDb(), slug, locale)),
    ["public-city-page", slug, locale],
    { tags: [publicCityTag(slug)] },
  )();
}

export function loadPublicCities(query: z.output<typeof cityListQuerySchema>, locale: Locale) {
  return unstable_cache(async () => listPublicCities(await getDb(), query, locale), ["public-cities", JSON.stringify(query), locale], {
    tags: [PUBLIC_CITIES_TAG],
  })();
}

export function loadPublicBenchmark(query: z.output<typeof benchmarkQuerySchema>) {
  return unstable_cache(async () => getBenchmark(await getDb(), query), ["public-benchmark", JSON.stringify(query)], {
    tags: [PUBLIC_BENCHMARK_TAG],
  })();
}

/** A comparison, or null when one of the addresses names no city. */
export function loadPublicComparison(query: z.output<typeof compareQuerySchema>, locale: Locale) {
  return unstable_cache(
    async () => nullIfNotFound(async () => compareCities(await getDb(), query, locale)),
    ["public-compare", JSON.stringify(query), locale],
    { tags: [PUBLIC_BENCHMARK_TAG, PUBLIC_CITIES_TAG] },
  )();
}
