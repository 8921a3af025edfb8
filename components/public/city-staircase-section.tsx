import { getTranslations } from "next-intl/server";
import { LevelBadge } from "@/components/public/level-badge";
import type { PublicLabels } from "@/components/public/public-labels";
import { StaircaseSteps } from "@/components/public/staircase-steps";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Badge } from "@/components/ui/states";
import type { AssessmentDetail } from "@/server/public/public-schemas";
import { getFramework } from "@/server/scoring/framework-registry";

/** The public city page: balance warnings and, per characteristic, the staircase and the next step. */
export async function CityStaircaseSection({ latest, labels }: { latest: AssessmentDetail; labels: PublicLabels }) {
  const t = await getTranslations("public.city");
  const framework = getFramework(latest.frameworkKey, latest.frameworkVersion);
  const criterionText = new Map(
    framework?.characteristics.flatMap((c) => c.criteria.map((k) => [k.key, k.text[labels.lang]] as const)) ?? [],
  );
  const stepOf = new Map(latest.roadmap.map((s) => [s.characteristicKey, s]));
  return (
    <Card aria-labelledby="staircase-title">
      <CardHeader title={<span id="staircase-title">{t("staircaseTitle")}</span>} description={t("staircaseIntro")} />
      <div className="mb-4" role="status">
        <h3 className="text-sm font-semibold text-slate-900">{t("balanceTitle")}</h3>
        {latest.balance.flags.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">{t("balanceOk")}</p>
        ) : (
          <ul className="mt-1 space-y-1" data-testid="balance-warnings">
            {latest.balance.flags.map((flag) => (
              <li key={flag.characteristicKey}>
                <Alert tone="warning">
                  {t(flag.direction === "above" ? "balanceAbove" : "balanceBelow", {
                    characteristic: labels.characteristic(flag.characteristicKey),
                    distance: flag.distance,
                  })}
                </Alert>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ol className="divide-y divide-slate-100" data-testid="staircase">
        {latest.characteristics.map((c) => {
          const step = stepOf.get(c.key);
          return (
            <li key={c.key} className="grid gap-3 py-4 md:grid-cols-[14rem_1fr]" data-characteristic={c.key}>
              <div className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">{labels.characteristic(c.key)}</h3>
                <div className="flex items-center gap-3">
                  <StaircaseSteps level={c.level} />
                  <LevelBadge level={c.level} label={labels.level[c.level]} />
                </div>
                {c.rateable ? (
                  <p className="text-xs text-slate-600">{t("criteriaMet", { met: c.criteriaMet.length, total: c.criteriaCount })}</p>
                ) : null}
                {step?.lagging ? <Badge tone="amber">{t("lagging")}</Badge> : null}
              </div>
              <div className="space-y-2 text-sm text-slate-800">
                {step?.status === "advance" && step.nextLevel ? (
                  <div data-testid="next-step">
                    <p className="font-medium">{t("nextStep", { level: labels.level[step.nextLevel] })}</p>
                    <p className="text-slate-600">{t("nextStepNeeds")}</p>
                    <ul className="mt-1 list-disc space-y-1 pl-5">
                      {step.unmetCriteria.map((u) => (
                        <li key={u.key}>{u.text[labels.lang]}</li>
                      ))}
                    </ul>
                  </div>
                ) : step?.status === "complete" ? (
                  <p className="font-medium text-emerald-800">{t("complete")}</p>
                ) : step?.status === "assess" ? (
                  <p className="text-slate-700">{t("assessFirst")}</p>
                ) : (
                  <p className="text-slate-700">{t("unrated")}</p>
                )}
                {c.criteriaMet.length > 0 ? (
                  <details className="rounded-md bg-slate-50 px-3 py-2">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("showCriteriaMet")}</summary>
                    <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
                      {c.criteriaMet.map((key) => (
                        <li key={key}>{criterionText.get(key) ?? key}</li>
                      ))}
                    </ul>
                    {c.aheadOfStaircase.length > 0 ? (
                      <p className="mt-2 text-xs text-slate-600">{t("aheadOfStaircase", { count: c.aheadOfStaircase.length })}</p>
                    ) : null}
                  </details>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
