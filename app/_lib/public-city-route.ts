import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { asLocale, type Locale } from "@/i18n/locales";

/** The route parameters of a public city page (`/[locale]/cities/[slug]/…`). */
export type PublicCityRouteProps = { params: Promise<{ locale: string; slug: string }> };

/** How a public city page reads its cached data: `null` for a city that is not there (or not public). */
type LoadPublicCityData<T> = (slug: string, locale: Locale) => Promise<T | null>;

/**
 * A public city page's metadata from its data, or a "not found" title for a missing city: the
 * metadata of a missing page still needs a title, so this answers rather than calling notFound().
 */
export async function publicCityMetadata<T>(
  { params }: PublicCityRouteProps,
  load: LoadPublicCityData<T>,
  build: (data: T, locale: string) => Promise<Metadata>,
): Promise<Metadata> {
  const { locale, slug } = await params;
  const data = await load(slug, asLocale(locale));
  if (!data) return { title: (await getTranslations("common"))("notFound") };
  return build(data, locale);
}

/**
 * A public city page's data, or the 404 page for a missing city. Sets the request's locale first, so
 * the page stays statically rendered (cached) rather than reading the locale from the request.
 */
export async function loadPublicCityOrNotFound<T>({ params }: PublicCityRouteProps, load: LoadPublicCityData<T>): Promise<T> {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const data = await load(slug, asLocale(locale));
  if (!data) notFound();
  return data;
}
