import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { localizedAlternates } from "@/app/_lib/public-page-metadata";
import { PublicKpiBenchmarkView } from "@/components/kpis/public-kpi-benchmark-view";
import { asLocale } from "@/i18n/locales";
import { loadPublicIndicatorBenchmark } from "@/server/public/public-kpi-page-data";

/** `/benchmark/kpis/<indicatorKey>`: every city; `/benchmark/kpis/<indicatorKey>/<citySlug>`: the same with that city highlighted (a path, so it caches). */
type Props = { params: Promise<{ locale: string; indicatorKey: string; city?: string[] }> };

// Cached; rebuilt when published KPI data changes (the public:kpi-benchmarks tag). The hour is a safety net.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

async function load(params: Props["params"]) {
  const { locale, indicatorKey, city } = await params;
  if (city && city.length > 1) return null;
  const key = decodeURIComponent(indicatorKey);
  return { locale, data: await loadPublicIndicatorBenchmark(key, city?.[0], asLocale(locale)), city: city?.[0] };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params);
  if (!loaded?.data) return { title: (await getTranslations("common"))("notFound") };
  const t = await getTranslations("kpis-public.benchmark");
  const { data, locale } = loaded;
  const title = t("title", { indicator: data.indicator.name });
  const description = t("metaDescription", { indicator: data.indicator.name });
  return {
    title,
    description,
    alternates: localizedAlternates(`/benchmark/kpis/${data.indicator.key}`, locale),
    openGraph: { title, description },
  };
}

export default async function IndicatorBenchmarkPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const loaded = await load(params);
  if (!loaded?.data) notFound();
  return <PublicKpiBenchmarkView data={loaded.data} citySlug={loaded.city ?? null} />;
}
