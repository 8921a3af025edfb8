import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LOCALES } from "@/i18n/locales";

/**
 * The canonical address of a public page in one language, with its alternates in every language
 * (`hreflang`), so search engines index each language version and link them together.
 */
export function localizedAlternates(path: string, locale: string): NonNullable<Metadata["alternates"]> {
  const suffix = path === "/" ? "" : path;
  return {
    canonical: `/${locale}${suffix}`,
    languages: { ...Object.fromEntries(LOCALES.map((l) => [l === "zh" ? "zh-CN" : l, `/${l}${suffix}`])), "x-default": `/en${suffix}` },
  };
}

/** Title, description and alternates of a public page whose texts are `<namespace>.title/metaDescription`. */
export async function publicPageMetadata(
  namespace: "public.cities" | "public.benchmark" | "public.compare",
  path: string,
  locale: string,
): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace });
  return {
    title: t("title"),
    description: t("metaDescription"),
    openGraph: { title: t("title"), description: t("metaDescription") },
    alternates: localizedAlternates(path, locale),
  };
}
