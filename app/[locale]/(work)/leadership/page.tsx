import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { getQueryClient, HydrateClient, trpcServer } from "@/app/_lib/query-prefetch";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { LeadershipKpiSummary } from "@/components/kpis/leadership-kpi-summary";
import { PublicKpiPopulationForm } from "@/components/kpis/public-kpi-population-form";
import { CityChoiceForm } from "@/components/layout/city-choice-form";
import { nextCursorPage } from "@/components/providers/query-client";
import { ReportDownloadLink } from "@/components/report/report-download-link";
import { EmptyState } from "@/components/ui/states";
import { AssessmentsAcrossCities } from "@/components/workflow/assessments-across-cities";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { LeadershipDashboard } from "@/components/workflow/leadership-dashboard";
import { assessmentsAcrossCitiesInput } from "@/components/workflow/workflow-query-inputs";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { can, effectiveRole } from "@/server/auth/permissions";

export async function generateMetadata() {
  return { title: (await getTranslations("workflow"))("leadership.title") };
}

export default async function LeadershipPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/leadership?city=${requestedSlug}` : "/leadership";
  const viewer = await requireViewer(path);
  const [t, tPlanning, locale, caller] = await Promise.all([
    getTranslations("workflow.leadership"),
    getTranslations("planning"),
    getLocale(),
    getServerCaller(),
  ]);
  const leadershipCities = viewer.memberships.filter((m) => m.role === "leadership");
  const isGlobal = viewer.globalRole === "expert" || viewer.globalRole === "admin";

  let selected: { id: string; slug: string; name: string } | null = null;
  if (requestedSlug) {
    const mine = leadershipCities.find((m) => m.citySlug === requestedSlug);
    if (mine) selected = { id: mine.cityId, slug: mine.citySlug, name: mine.cityName };
    else if (isGlobal) {
      const city = await caller.cities.bySlug({ slug: requestedSlug });
      if (!city) notFound();
      selected = { id: city.id, slug: city.slug, name: city.name };
    } else notFound();
  } else if (leadershipCities[0]) {
    selected = { id: leadershipCities[0].cityId, slug: leadershipCities[0].citySlug, name: leadershipCities[0].cityName };
  }

  const dashboard = selected ? await loadForPage(caller.workflow.leadershipDashboard({ cityId: selected.id }), path) : null;
  const labels = characteristicLabels(locale, dashboard?.current?.assessment);
  const cityRole = selected ? (leadershipCities.some((m) => m.cityId === selected.id) ? "leadership" : null) : null;
  const role = effectiveRole(viewer.globalRole ?? null, cityRole);
  const acrossCitiesStatus = viewer.globalRole === "expert" ? "in_review" : "";
  if (isGlobal) {
    // The cross-city list in the HTML, not behind a loading state after the page arrives.
    await getQueryClient().prefetchInfiniteQuery(
      trpcServer.workflow.assessments.infiniteQueryOptions(assessmentsAcrossCitiesInput(acrossCitiesStatus), nextCursorPage),
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <h1>{selected ? `${t("title")} · ${selected.name}` : t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        {selected && cityRole === "leadership" ? (
          <p className="mt-2 text-sm">
            <Link href={`/plans?city=${encodeURIComponent(selected.slug)}`}>{tPlanning("nav")}</Link>
          </p>
        ) : null}
      </div>
      <CityChoiceForm
        action={`/${locale}/leadership`}
        cities={leadershipCities}
        selectedSlug={selected?.slug}
        cityLabel={t("chooseCity")}
        submitLabel={t("show")}
      />
      {dashboard?.current ? <ReportDownloadLink assessmentId={dashboard.current.assessment.id} door="members" /> : null}
      {dashboard ? (
        <LeadershipDashboard
          dashboard={dashboard}
          characteristics={labels.list}
          characteristicNames={labels.names}
          canStartNextCycle={can(role, "assessment:start_next_cycle")}
        />
      ) : null}
      {selected && cityRole === "leadership" ? <LeadershipKpiSummary cityId={selected.id} citySlug={selected.slug} /> : null}
      {selected && can(role, "city:set_population") ? <PublicKpiPopulationForm cityId={selected.id} citySlug={selected.slug} /> : null}
      {isGlobal ? (
        <HydrateClient>
          <AssessmentsAcrossCities initialStatus={acrossCitiesStatus} />
        </HydrateClient>
      ) : null}
      {!dashboard && !isGlobal ? <EmptyState title={t("noCities")} /> : null}
    </div>
  );
}
