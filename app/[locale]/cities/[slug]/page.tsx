import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { loadPublicCityOrNotFound, type PublicCityRouteProps, publicCityMetadata } from "@/app/_lib/public-city-route";
import { localizedAlternates } from "@/app/_lib/public-page-metadata";
import { AuditCheckpointsPanel } from "@/components/public/audit-checkpoints-panel";
import { CityEvidenceSection } from "@/components/public/city-evidence-section";
import { CityProfileSection } from "@/components/public/city-profile-section";
import { CityProgressSection } from "@/components/public/city-progress-section";
import { CityStaircaseSection } from "@/components/public/city-staircase-section";
import { IllustrativeNotice } from "@/components/public/illustrative-notice";
import { LazyCommentThread } from "@/components/public/lazy-comment-thread";
import { getPublicLabels } from "@/components/public/public-labels";
import { Card } from "@/components/ui/card";
import { Alert, Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { loadPublicCityPage } from "@/server/public/public-page-data";
import { levelValue } from "@/server/scoring/levels";

// Built on its first request and served from Next's cache until the city's tag is invalidated
// (publication, withdrawal, republication, a change to the city: server/cache/cache-tags.ts).
// The hour is only a safety net.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export function generateMetadata(props: PublicCityRouteProps): Promise<Metadata> {
  return publicCityMetadata(props, loadPublicCityPage, async (page, locale) => {
    const t = await getTranslations("public.city");
    const latest = page.latestAssessment;
    const advanced = latest ? Object.values(latest.levels).filter((l) => (levelValue(l) ?? -1) >= 3).length : 0;
    const description = latest
      ? t("metaDescription", {
          city: page.city.localizedName,
          country: page.city.localizedCountry,
          cycle: latest.cycle,
          summary: t("metaSummary", { count: advanced }),
        })
      : t("metaDescriptionNone", { city: page.city.localizedName, country: page.city.localizedCountry });
    return {
      title: page.city.localizedName,
      description,
      alternates: localizedAlternates(`/cities/${page.city.slug}`, locale),
      openGraph: { type: "article", title: page.city.localizedName, description, url: `/${locale}/cities/${page.city.slug}` },
    };
  });
}

export default async function CityPage(props: PublicCityRouteProps) {
  const page = await loadPublicCityOrNotFound(props, loadPublicCityPage);
  const [t, tRegions, format, labels] = await Promise.all([
    getTranslations("public.city"),
    getTranslations("common.regions"),
    getFormatter(),
    getPublicLabels(),
  ]);
  const { city, latestAssessment: latest } = page;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/cities" className="text-sm">
          ← {t("back")}
        </Link>
        <h1>{city.localizedName}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>{city.localizedCountry}</span>
          <Badge tone={city.region === "China" ? "red" : city.region === "EU" ? "blue" : "slate"}>{tRegions(city.region)}</Badge>
          {city.isPilot ? <Badge tone="green">{t("pilot")}</Badge> : null}
        </div>
        <Link href={`/cities/${city.slug}/kpis`} className="text-sm font-medium" data-testid="city-kpis-link">
          {(await getTranslations("kpis-public"))("link")} →
        </Link>
        {latest ? (
          <p className="text-sm text-slate-700" data-testid="assessment-meta">
            {t("published", { cycle: latest.cycle, date: date(latest.publishedAt) })} ·{" "}
            {t("framework", { version: latest.frameworkVersion })}
            {latest.republishedAt ? (
              <span className="block" data-testid="republished-on">
                {t("republished", { date: date(latest.republishedAt) })}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>

      {page.withdrawn.map((w) => (
        <Alert key={w.cycle + w.withdrawnAt} tone="warning">
          {t("withdrawn", { cycle: w.cycle, date: date(w.withdrawnAt) })}
          {w.reason ? <span className="block">{t("withdrawnReason", { reason: w.reason })}</span> : null}
        </Alert>
      ))}

      {latest?.illustrative ? <IllustrativeNotice /> : null}

      {!latest ? (
        <EmptyState title={t("noAssessment")}>{t("noAssessmentHint")}</EmptyState>
      ) : (
        <>
          <CityProfileSection latest={latest} labels={labels} cityName={city.localizedName} />
          <CityStaircaseSection latest={latest} labels={labels} />
          <CityEvidenceSection page={page} labels={labels} />
          <Card>
            <LazyCommentThread assessmentId={latest.id} targetType="assessment" targetKey={latest.id} title={t("commentsTitle")} />
          </Card>
        </>
      )}

      {page.history.length > 0 ? <CityProgressSection page={page} labels={labels} /> : null}
      <AuditCheckpointsPanel slug={city.slug} />
    </div>
  );
}
