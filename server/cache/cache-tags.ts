/**
 * Names of the cache tags that public pages and open-data reads carry (Next's `unstable_cache`
 * tags, see server/public/public-page-data.ts). A write that changes what the public sees
 * invalidates exactly the tags it affects (server/cache/cache-invalidation.ts), on every server.
 *
 * What each tag covers:
 * - `public:city:<slug>`: that city's page (by its address: the page is looked up by slug, and a
 *   missing city's "not found" is cached under the same tag);
 * - `public:cities`: the cities list, the home page's figures, the compare picker;
 * - `public:benchmark`: the benchmark and compare aggregates (they read every published assessment).
 * - `public:kpis:<slug>`: that city's public KPI page (server/kpis/public-kpi-cache.ts);
 * - `public:kpi-benchmarks`: every indicator's cross-city KPI benchmark.
 */
export const PUBLIC_CITIES_TAG = "public:cities";
export const PUBLIC_BENCHMARK_TAG = "public:benchmark";

export function publicCityTag(slug: string): string {
  return `public:city:${slug}`;
}

export const PUBLIC_KPI_BENCHMARKS_TAG = "public:kpi-benchmarks";

export function publicCityKpisTag(slug: string): string {
  return `public:kpis:${slug}`;
}

/**
 * Everything a change to one city's public record can alter: a publication, withdrawal or
 * republication of one of its assessments, or a change of its name, country or region. A change of
 * address passes both the old and the new slug.
 */
export function tagsForPublicCityChange(...slugs: string[]): string[] {
  return [...slugs.map(publicCityTag), PUBLIC_CITIES_TAG, PUBLIC_BENCHMARK_TAG, ...slugs.map(publicCityKpisTag), PUBLIC_KPI_BENCHMARKS_TAG];
}
