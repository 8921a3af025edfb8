import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { publicPageMetadata } from "@/app/_lib/public-page-metadata";
import { BenchmarkView } from "@/components/public/benchmark-view";

type Props = { params: Promise<{ locale: string }> };

// Served from Next's cache; publication and city changes invalidate it by tag (server/cache/cache-tags.ts).
// The hour is only a safety net.
export const revalidate = 3600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return publicPageMetadata("public.benchmark", "/benchmark", (await params).locale);
}

export default async function BenchmarkPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <BenchmarkView params={{}} locale={locale} />;
}
