import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { levelAt } from "@/server/scoring/levels";
import type { BalanceReport, RoadmapStep } from "@/server/scoring/score-assessment";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

type Props = {
  balance: BalanceReport | null;
  roadmap: RoadmapStep[];
  characteristicNames: Record<string, string>;
};

/** The scoring core's balance warnings and roadmap, in plain words ("no isolated advances"). */
export function BalanceAndRoadmap({ balance, roadmap, characteristicNames }: Props) {
  const t = useTranslations("workflow");
  const name = (key: string) => characteristicNames[key] ?? key;
  const level = (l: LevelOrNotAssessed | null) => t(`levels.${l ?? "not_assessed"}`);
  const medianLevel = balance?.median != null ? levelAt(Math.floor(balance.median)) : undefined;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card aria-labelledby="balance-title">
        <CardHeader title={<span id="balance-title">{t("balance.title")}</span>} description={t("balance.intro")} />
        {!balance || balance.median === null ? (
          <EmptyState title={t("balance.noLevels")} />
        ) : (
          <div className="space-y-2 text-sm" data-testid="balance-warnings">
            {medianLevel ? <p className="text-slate-600">{t("balance.median", { level: level(medianLevel) })}</p> : null}
            {balance.flags.length === 0 ? (
              <p>{t("balance.none")}</p>
            ) : (
              <ul className="space-y-2">
                {balance.flags.map((flag) => (
                  <li key={flag.characteristicKey} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
                    {t(`balance.${flag.direction}`, { name: name(flag.characteristicKey), distance: flag.distance })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>
      <Card aria-labelledby="roadmap-title">
        <CardHeader title={<span id="roadmap-title">{t("roadmap.title")}</span>} description={t("roadmap.intro")} />
        {roadmap.length === 0 ? (
          <EmptyState title={t("roadmap.empty")} />
        ) : (
          <ol className="space-y-2 text-sm" data-testid="roadmap">
            {roadmap.map((step) => (
              <li key={step.characteristicKey} className="flex flex-wrap items-start gap-2">
                {step.lagging ? <Badge tone="amber">{t("roadmap.lagging")}</Badge> : null}
                <span>
                  {step.status === "advance"
                    ? t("roadmap.advance", {
                        name: name(step.characteristicKey),
                        current: level(step.currentLevel),
                        next: level(step.nextLevel),
                        count: step.unmetCriteria.length,
                      })
                    : t(`roadmap.${step.status}`, { name: name(step.characteristicKey) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
