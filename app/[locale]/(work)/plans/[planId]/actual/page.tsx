import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { getServerCaller } from "@/server/api/server-caller";
import { criterionOf } from "@/server/assessments/assessment-framework";
import { currentFramework, getFramework } from "@/server/scoring/framework-registry";

export async function generateMetadata() {
  return { title: (await getTranslations("planning"))("plan.planVsActual") };
}

const TONE = { planned_met: "green", planned_not_met: "red", met_without_plan: "blue" } as const;

export default async function PlanVsActualPage({ params }: { params: Promise<{ planId: string; locale: string }> }) {
  const { planId, locale } = await params;
  const path = `/plans/${planId}/actual`;
  await requireViewer(path);
  const [t, tw, lang, caller] = await Promise.all([
    getTranslations("planning"),
    getTranslations("workflow"),
    pageLang(),
    getServerCaller(),
  ]);
  const result = await loadForPage(caller.plans.planVsActual({ planId }), path);
  const { plan, actual, rows } = result;
  const framework = (actual && getFramework(actual.frameworkKey, actual.frameworkVersion)) || currentFramework();
  const labels = characteristicLabels(locale, actual ?? undefined);
  const count = (outcome: keyof typeof TONE) => rows.filter((r) => r.outcome === outcome).length;
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[{ label: t("title"), href: "/plans" }, { label: plan.name, href: `/plans/${plan.id}` }, { label: t("plan.planVsActual") }]}
      />
      <h1 className="break-words">{t("actual.title", { name: plan.name })}</h1>
      {!actual ? (
        <EmptyState title={t("actual.notYet", { cycle: plan.targetCycle })}>
          {t("actual.notYetHint", { cycle: plan.targetCycle })}
        </EmptyState>
      ) : (
        <Card className="space-y-3">
          <p className="text-sm text-slate-600">{t("actual.against", { cycle: actual.cycle, status: tw(`status.${actual.status}`) })}</p>
          <p className="text-sm font-medium" data-testid="plan-actual-summary">
            {t("actual.summary", { met: count("planned_met"), missed: count("planned_not_met"), unplanned: count("met_without_plan") })}
          </p>
          {rows.length === 0 ? (
            <EmptyState title={t("actual.empty")} />
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="plan-actual-table">
                <caption className="sr-only">{t("actual.title", { name: plan.name })}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-slate-600">
                    <th scope="col" className="py-1.5 pr-3 font-medium">
                      {t("actual.criterion")}
                    </th>
                    <th scope="col" className="py-1.5 font-medium">
                      {t("actual.outcome")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const criterion = criterionOf(framework, r.criterionKey);
                    return (
                      <tr key={r.criterionKey} className="border-b border-slate-100 align-top">
                        <th scope="row" className="py-1.5 pr-3 font-normal">
                          <span className="font-medium">
                            {labels.names[r.characteristicKey]}
                            {criterion ? ` · ${tw(`levels.${criterion.level}`)}` : ""}
                          </span>
                          {criterion ? <span className="block text-slate-600">{criterion.text[lang]}</span> : null}
                        </th>
                        <td className="py-1.5">
                          <Badge tone={TONE[r.outcome]}>{t(`actual.${r.outcome}`)}</Badge>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
