import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { KpiRegisterTable } from "@/components/kpis/kpi-register-table";
import { CityChoiceForm } from "@/components/layout/city-choice-form";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { kpiCityFor } from "./kpi-city";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("kpis"))("title") };
}

export default async function KpiRegisterPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/kpis?city=${requestedSlug}` : "/kpis";
  const viewer = await requireViewer(path);
  const [t, locale, caller] = await Promise.all([getTranslations("kpis"), getLocale(), getServerCaller()]);
  const { city, registerCities } = await kpiCityFor(viewer, requestedSlug);
  if (!city) {
    return (
      <div className="space-y-4">
        <h1>{t("title")}</h1>
        <Alert tone="info">{t("noCity")}</Alert>
      </div>
    );
  }
  const { items } = await loadForPage(caller.kpis.list({ cityId: city.id }), path);
  const mayWrite = city.role !== null;
  const query = `?city=${encodeURIComponent(city.slug)}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1>{`${t("title")} · ${city.name}`}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        {mayWrite ? (
          <div className="flex flex-wrap gap-2">
            <Button asChild>
              <Link href={`/kpis/new${query}`}>{t("newKpi")}</Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href={`/kpis/import${query}`}>{t("importCsv")}</Link>
            </Button>
          </div>
        ) : null}
      </div>
      <CityChoiceForm
        action={`/${locale}/kpis`}
        cities={registerCities}
        selectedSlug={city.slug}
        cityLabel={t("chooseCity")}
        submitLabel={t("show")}
      />
      {items.length === 0 ? (
        <EmptyState title={t("empty")}>{mayWrite ? t("emptyHint") : null}</EmptyState>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {t("registerCount", { count: items.length })} ·{" "}
            {t("atRiskCount", { count: items.filter((k) => k.status === "at_risk" || k.status === "off_track").length })}
          </p>
          <KpiRegisterTable items={items} locale={locale === "zh" ? "zh" : "en"} />
        </>
      )}
    </div>
  );
}
