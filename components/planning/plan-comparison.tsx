import { useTranslations } from "next-intl";
import { MaturityRadarWithTable } from "@/components/charts/maturity-radar-with-table";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/states";
import { planLevels } from "@/server/planning/plan-scoring";
import type { AssessmentScore } from "@/server/scoring/score-assessment";

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
  const names = Object.fromEntries(characteristics.map((c) => [c.key, c.name]));
  return (
    <div className="space-y-6">
      <Card>
        <MaturityRadarWithTable
          rows={characteristics.filter((c) => c.rateable)}
          columns={[
            { id: "now", label: t("compareView.now"), levels: planLevels(now) },
            ...plans.map((p) => ({ id: p.id, label: p.name, levels: planLevels(p.score) })),
          ]}
          chartLabel={t("compareView.chartLabel")}
          caption={t("compareView.title")}
          rowHeader={t("editor.characteristic")}
          tableTestId="plan-compare-table"
        />
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
