/**
 * Names of the cache tags that public pages and open-data reads carry (Next's `unstable_cache`
 * tags, see server/public/public-page-data.ts). A write that changes what the public sees
 * invalidates exactly the tags it affects (server/cache/cache-invalidation.ts), on every server.
 *
 * What each tag covers:
 * - `public:city:<cityId>`: that city's page and its open-data documents;
 * - `public:cities`: the cities list, the home page's figures, the compare picker;
 * - `public:benchmark`: the benchmark and compare aggregates (they read every published assessment).
 */
export const PUBLIC_CITIES_TAG = "public:cities";
export const PUBLIC_BENCHMARK_TAG = "public:benchmark";

export function publicCityTag(cityId: string): string {
  return `public:city:${cityId}`;
}

/**
 * Everything a change to one city's public record can alter: a publication, withdrawal or
 * republication of one of its assessments, or a change of its name, country or region.
 */
export function tagsForPublicCityChange(cityId: string): string[] {
  return [publicCityTag(cityId), PUBLIC_CITIES_TAG, PUBLIC_BENCHMARK_TAG];
}
