import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { publicPageMetadata } from "@/app/_lib/public-page-metadata";
import { BenchmarkView } from "@/components/public/benchmark-view";
import { queryOfSegment } from "@/server/http/public-page-query";

type Props = { params: Promise<{ locale: string; query: string }> };

/** /benchmark with filters: the proxy rewrites the query string into the last segment (server/http/public-page-query.ts). */
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return publicPageMetadata("public.benchmark", "/benchmark", (await params).locale);
}

export default async function FilteredBenchmarkPage({ params }: Props) {
  const { locale, query } = await params;
  setRequestLocale(locale);
  return <BenchmarkView params={queryOfSegment(query)} locale={locale} />;
}
