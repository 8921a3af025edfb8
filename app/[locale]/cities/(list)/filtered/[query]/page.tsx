import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { publicPageMetadata } from "@/app/_lib/public-page-metadata";
import { CitiesListView } from "@/components/public/cities-list-view";
import { queryOfSegment } from "@/server/http/public-page-query";

type Props = { params: Promise<{ locale: string; query: string }> };

/** /cities with filters: the proxy rewrites the query string into the last segment (server/http/public-page-query.ts). */
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return publicPageMetadata("public.cities", "/cities", (await params).locale);
}

export default async function FilteredCitiesPage({ params }: Props) {
  const { locale, query } = await params;
  setRequestLocale(locale);
  return <CitiesListView params={queryOfSegment(query)} locale={locale} />;
}
