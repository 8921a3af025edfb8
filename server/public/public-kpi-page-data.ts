import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/app-db";
import type { Locale } from "@/i18n/locales";
import { PUBLIC_KPI_BENCHMARKS_TAG, publicCityKpisTag } from "@/server/cache/cache-tags";
import { getIndicatorBenchmark, getPublicCityKpis } from "./public-kpi-data";
import { nullIfNotFound } from "./public-page-data";

/**
 * The public KPI pages' data through Next's data cache, tagged like the other public pages
 * (server/public/public-page-data.ts): `public:kpis:<slug>` for a city's KPI page and
 * `public:kpi-benchmarks` for the indicator benchmarks, invalidated by invalidatePublicKpis
 * (server/kpis/public-kpi-cache.ts) and by city changes. Null when the city or indicator does not exist.
 */

export function loadPublicCityKpis(slug: string, locale: Locale) {
  return unstable_cache(
    async () => nullIfNotFound(async () => getPublicCityKpis(await getDb(), slug, locale)),
    ["public-city-kpis", slug, locale],
    {
      tags: [publicCityKpisTag(slug)],
    },
  )();
}

export function loadPublicIndicatorBenchmark(indicatorKey: string, city: string | undefined, locale: Locale) {
  return unstable_cache(
    async () => nullIfNotFound(async () => getIndicatorBenchmark(await getDb(), { indicatorKey, city }, locale)),
    ["public-kpi-benchmark", indicatorKey, city ?? "", locale],
    { tags: [PUBLIC_KPI_BENCHMARKS_TAG] },
  )();
}
