import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { publicPageMetadata } from "@/app/_lib/public-page-metadata";
import { CompareView } from "@/components/public/compare-view";
import { queryOfSegment } from "@/server/http/public-page-query";

type Props = { params: Promise<{ locale: string; query: string }> };

/** /compare with filters: the proxy rewrites the query string into the last segment (server/http/public-page-query.ts). */
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return publicPageMetadata("public.compare", "/compare", (await params).locale);
}

export default async function FilteredComparePage({ params }: Props) {
  const { locale, query } = await params;
  setRequestLocale(locale);
  return <CompareView params={queryOfSegment(query)} locale={locale} />;
}
