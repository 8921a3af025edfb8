import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { publicPageMetadata } from "@/app/_lib/public-page-metadata";
import { CitiesListView } from "@/components/public/cities-list-view";

type Props = { params: Promise<{ locale: string }> };

// Served from Next's cache; publication and city changes invalidate it by tag (server/cache/cache-tags.ts).
// The hour is only a safety net.
export const revalidate = 3600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return publicPageMetadata("public.cities", "/cities", (await params).locale);
}

export default async function CitiesPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <CitiesListView params={{}} locale={locale} />;
}
