import type { Locale } from "@/i18n/locales";
import { slugifyCityName } from "@/server/cities/city-slug";
import pilotCities from "@/server/seed/data/pilot-cities.json";

/**
 * City and country names in the reader's language. The 30 pilot cities and their countries have
 * official Chinese names, kept beside the English ones in the reference data
 * (`server/seed/data/pilot-cities.json`); a city added later has only the name it was created with,
 * which is then shown in every language.
 */

const CITY_NAME_ZH = new Map(pilotCities.cities.map((c) => [slugifyCityName(c.name), c.nameZh]));
const COUNTRY_NAME_ZH = new Map(pilotCities.cities.map((c) => [c.country, c.countryZh]));

type NamedCity = { slug: string; name: string; country: string };

/** The city's name and country in `locale` (English, the stored names, when no translation exists). */
export function localizedCityNames(city: NamedCity, locale: Locale = "en"): { localizedName: string; localizedCountry: string } {
  if (locale === "zh") {
    return { localizedName: CITY_NAME_ZH.get(city.slug) ?? city.name, localizedCountry: COUNTRY_NAME_ZH.get(city.country) ?? city.country };
  }
  return { localizedName: city.name, localizedCountry: city.country };
}

/** Slugs of the cities whose Chinese name contains `search` (the city list's search in Chinese). */
export function slugsMatchingChineseName(search: string): string[] {
  const needle = search.trim();
  if (!needle) return [];
  return [...CITY_NAME_ZH].filter(([, zh]) => zh.includes(needle)).map(([slug]) => slug);
}
