import { useTranslations } from "next-intl";
import { LazyMaturityRadar } from "@/components/charts/lazy-charts";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/states";
import { planLevels } from "@/server/planning/plan-scoring";
import type { AssessmentScore } from "@/server/scoring/score-assessment";
import { MATURITY_LEVELS } from "@/shared/domain-values";

type ComparedPlan = { id: string; name: string; score: AssessmentScore };

/** Two plans side by side: a radar of the levels each gives (with today's for reference), a table of the same, and each plan's balance. */
export function PlanComparison({
  now,
  plans,
  characteristics,
}: {
  now: AssessmentScore;
  plans: [ComparedPlan, ComparedPlan];
  characteristics: { key: string; name: string; rateable: boolean }[];
}) {
  const t = useTranslations("planning");
  const tw = useTranslations("workflow");
  const rateable = characteristics.filter((c) => c.rateable);
  const names = Object.fromEntries(characteristics.map((c) => [c.key, c.name]));
  const nowLevels = planLevels(now);
  const series = [
    { id: "now", label: t("compareView.now"), levels: nowLevels },
    ...plans.map((p) => ({ id: p.id, label: p.name, levels: planLevels(p.score) })),
  ];
  return (
    <div className="space-y-6">
      <Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <LazyMaturityRadar
            series={series}
            axes={rateable.map((c) => ({ key: c.key, label: c.name }))}
            levelLabels={MATURITY_LEVELS.map((l) => tw(`levels.${l}`)) as [string, string, string, string, string]}
            ariaLabel={t("compareView.chartLabel")}
          />
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="plan-compare-table">
              <caption className="sr-only">{t("compareView.title")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-1.5 pr-3 font-medium">
                    {t("editor.characteristic")}
                  </th>
                  {series.map((s) => (
                    <th key={s.id} scope="col" className="py-1.5 pr-3 font-medium">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rateable.map((c) => (
                  <tr key={c.key} className="border-b border-slate-100">
                    <th scope="row" className="py-1.5 pr-3 font-normal">
                      {c.name}
                    </th>
                    {series.map((s) => (
                      <td key={s.id} className="py-1.5 pr-3">
                        {tw(`levels.${s.levels[c.key as keyof typeof s.levels] ?? "not_assessed"}`)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        {plans.map((p) => (
          <Card key={p.id} data-testid="plan-compare-balance">
            <CardHeader title={`${t("compareView.balance")} · ${p.name}`} />
            {p.score.balance.spread !== null ? (
              <p className="text-sm text-slate-600">{t("compareView.spread", { spread: p.score.balance.spread })}</p>
            ) : null}
            {p.score.balance.flags.length === 0 ? (
              <p className="mt-2 text-sm">
                <Badge tone="green">{t("compareView.noWarnings")}</Badge>
              </p>
            ) : (
              <>
                <p className="mt-2 text-sm">
                  <Badge tone="amber">{t("compareView.warnings", { count: p.score.balance.flags.length })}</Badge>
                </p>
                <ul className="mt-2 space-y-1 text-sm">
                  {p.score.balance.flags.map((f) => (
                    <li key={f.characteristicKey}>
                      {t(`compareView.${f.direction}`, { name: names[f.characteristicKey] ?? f.characteristicKey, distance: f.distance })}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
