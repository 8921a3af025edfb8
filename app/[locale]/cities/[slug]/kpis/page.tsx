import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { loadPublicCityOrNotFound, type PublicCityRouteProps, publicCityMetadata } from "@/app/_lib/public-city-route";
import { localizedAlternates } from "@/app/_lib/public-page-metadata";
import { PublicKpiCard } from "@/components/kpis/public-kpi-card";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { loadPublicCityKpis } from "@/server/public/public-kpi-page-data";

// Cached like the city page: rebuilt when the city's KPI tag is invalidated (invalidatePublicKpis,
// city changes: server/cache/cache-tags.ts). The hour is only a safety net.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export function generateMetadata(props: PublicCityRouteProps): Promise<Metadata> {
  return publicCityMetadata(props, loadPublicCityKpis, async (page, locale) => {
    const t = await getTranslations("kpis-public.cityPage");
    const title = t("title", { city: page.city.localizedName });
    const description = t("metaDescription", { city: page.city.localizedName });
    return {
      title,
      description,
      alternates: localizedAlternates(`/cities/${page.city.slug}/kpis`, locale),
      openGraph: { title, description, url: `/${locale}/cities/${page.city.slug}/kpis` },
    };
  });
}

export default async function CityKpisPage(props: PublicCityRouteProps) {
  const page = await loadPublicCityOrNotFound(props, loadPublicCityKpis);
  const [t, tKpis, format] = await Promise.all([getTranslations("kpis-public.cityPage"), getTranslations("kpis-public"), getFormatter()]);
  const { city } = page;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href={`/cities/${city.slug}`} className="text-sm">
          ← {t("back", { city: city.localizedName })}
        </Link>
        <h1>{t("title", { city: city.localizedName })}</h1>
        <p className="text-sm text-slate-700">{t("intro")}</p>
        <p className="text-sm text-slate-700" data-testid="city-population">
          {city.population === null ? tKpis("populationMissing") : t("population", { population: format.number(city.population) })}
        </p>
        {page.kpis.length > 0 ? (
          <CsvDownloadLink href={`/api/v1/cities/${city.slug}/kpis?format=csv`} label={tKpis("downloadCsv")} />
        ) : null}
      </div>
      {page.kpis.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {page.kpis.map((kpi) => (
            <PublicKpiCard key={kpi.id} kpi={kpi} citySlug={city.slug} />
          ))}
        </div>
      )}
    </div>
  );
}
