import { getFormatter, getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { PlanActions } from "@/components/planning/plan-actions";
import { LevelsTable, PlanEditor } from "@/components/planning/plan-editor";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Badge } from "@/components/ui/states";
import { BalanceAndRoadmap } from "@/components/workflow/balance-and-roadmap";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { criterionOf, frameworkOf } from "@/server/assessments/assessment-framework";

export async function generateMetadata() {
  return { title: (await getTranslations("planning"))("title") };
}

export default async function PlanPage({ params }: { params: Promise<{ planId: string; locale: string }> }) {
  const { planId, locale } = await params;
  const path = `/plans/${planId}`;
  await requireViewer(path);
  const [t, tw, format, lang, caller] = await Promise.all([
    getTranslations("planning"),
    getTranslations("workflow"),
    getFormatter(),
    pageLang(),
    getServerCaller(),
  ]);
  const view = await loadForPage(caller.plans.get({ planId }), path);
  const { plan, city, base } = view;
  const labels = characteristicLabels(locale, base);
  const framework = frameworkOf(base);

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: t("title"), href: `/plans?city=${encodeURIComponent(city.slug)}` }, { label: plan.name }]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 max-w-3xl space-y-1">
          <h1 className="break-words">{plan.name}</h1>
          <p className="text-sm text-slate-600">
            {city.name} · {t("targetCycle", { cycle: plan.targetCycle })} ·{" "}
            <Badge tone={plan.publishedAt ? "green" : "slate"}>{plan.publishedAt ? t("published") : t("private")}</Badge>
          </p>
          <p className="text-sm text-slate-600" data-testid="plan-visibility">
            {plan.publishedAt
              ? t("plan.publishedOn", { date: format.dateTime(plan.publishedAt, { dateStyle: "long" }) })
              : t("plan.privateNote")}
          </p>
          <p className="text-sm">
            <Link href={`/plans/${plan.id}/actual`}>{t("plan.planVsActual")}</Link>
          </p>
        </div>
        <PlanActions
          planId={plan.id}
          citySlug={city.slug}
          published={plan.publishedAt !== null}
          canPublish={view.canPublish}
          canDelete={view.canWrite}
        />
      </div>
      <p className="max-w-3xl text-sm text-slate-600">
        {t("editor.startsFrom", { cycle: base.cycle, status: tw(`status.${base.status}`) })}
      </p>
      {view.canWrite ? (
        <PlanEditor
          cityId={city.id}
          framework={base}
          lang={lang}
          judgements={view.judgements}
          owners={view.owners}
          plan={{ ...plan, criteria: view.criteria }}
          suggestedCycle={plan.targetCycle}
        />
      ) : view.now.ok && view.planned.ok ? (
        <div className="space-y-6">
          <Alert tone="info">{t("editor.readOnly")}</Alert>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader title={t("editor.outcomeTitle")} />
              <LevelsTable now={view.now.value} planned={view.planned.value} names={labels.names} />
            </Card>
            <Card>
              <CardHeader title={t("editor.criteriaTitle")} />
              <ul className="space-y-2 text-sm" data-testid="plan-criteria">
                {view.criteria.map((c) => {
                  const criterion = criterionOf(framework, c.criterionKey);
                  return (
                    <li key={c.criterionKey} className="break-words">
                      <span className="font-medium">
                        {criterion ? `${labels.names[criterion.characteristicKey]} · ${tw(`levels.${criterion.level}`)}` : c.criterionKey}
                      </span>
                      {criterion ? `: ${criterion.text[lang]}` : null}
                      {c.ownerName ? (
                        <span className="text-slate-600">
                          {" "}
                          · {t("editor.owner")}: {c.ownerName}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </Card>
          </div>
          <BalanceAndRoadmap balance={view.planned.value.balance} roadmap={view.planned.value.roadmap} characteristicNames={labels.names} />
        </div>
      ) : null}
    </div>
  );
}
