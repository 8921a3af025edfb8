import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { planCityFor } from "@/app/_lib/plan-city";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { PlanEditor } from "@/components/planning/plan-editor";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmptyState } from "@/components/ui/states";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("planning"))("newPlan") };
}

/** A new cycle's name from the current one: the next year for a year, else the current year. */
function nextCycleOf(cycle: string): string {
  return /^\d{4}$/.test(cycle) ? String(Number(cycle) + 1) : String(new Date().getUTCFullYear() + 1);
}

export default async function NewPlanPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/plans/new?city=${encodeURIComponent(requestedSlug)}` : "/plans/new";
  const viewer = await requireViewer(path);
  const [t, tw, lang, caller] = await Promise.all([
    getTranslations("planning"),
    getTranslations("workflow"),
    pageLang(),
    getServerCaller(),
  ]);
  const city = await planCityFor(viewer, requestedSlug);
  if (!city) notFound();
  const baseline = await loadForPage(caller.plans.baseline({ cityId: city.id }), path);
  const crumbs = [{ label: t("title"), href: `/plans?city=${encodeURIComponent(city.slug)}` }, { label: t("newPlan") }];
  return (
    <div className="space-y-6">
      <Breadcrumbs items={crumbs} />
      <h1>{t("editor.newTitle", { city: city.name })}</h1>
      {baseline.assessment ? (
        <>
          <p className="max-w-3xl text-sm text-slate-600">
            {t("editor.startsFrom", { cycle: baseline.assessment.cycle, status: tw(`status.${baseline.assessment.status}`) })}
          </p>
          <PlanEditor
            cityId={city.id}
            framework={baseline.assessment}
            lang={lang}
            judgements={baseline.judgements}
            owners={baseline.owners}
            suggestedCycle={nextCycleOf(baseline.assessment.cycle)}
          />
        </>
      ) : (
        <EmptyState title={t("noAssessment", { city: city.name })} />
      )}
    </div>
  );
}
