"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { LevelBadge } from "@/components/public/level-badge";
import { Card } from "@/components/ui/card";
import { Alert, Badge, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { AssessmentScore, ScoringResult } from "@/server/scoring/score-assessment";
import type { CharacteristicKey, LevelOrNotAssessed } from "@/shared/domain-values";
import { CharacteristicJudgementForm } from "./characteristic-judgement-form";
import { ConfirmCarriedOver } from "./confirm-carried-over";
import { KpiRegisterSummaryCard } from "./kpi-register-summary";
import { RatingForm } from "./rating-form";

export type PanelCriterion = { key: string; level: string; levelLabel: string; text: string; note?: string };

type Props = {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  rateable: boolean;
  criteria: PanelCriterion[];
  characteristicNames: Record<string, string>;
  criterionLabels: Record<string, string>;
  canEdit: boolean;
  /** The links on from here (next characteristic, next queued item), shown beside Save. */
  next?: ReactNode;
};

/**
 * The expert's criterion judgements and rated level for one characteristic. Every save returns the
 * scoring core's fresh result, which replaces the cached one at once: the derived level and the
 * roadmap on this page follow each judgement as it is saved.
 */
export function JudgementPanel({
  assessmentId,
  characteristicKey,
  rateable,
  criteria,
  characteristicNames,
  criterionLabels,
  canEdit,
  next,
}: Props) {
  const t = useTranslations("review.panel");
  const tLevels = useTranslations("review.levels");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { assessmentId, characteristicKey };
  const panel = useQuery(trpc.review.panel.queryOptions(input));

  const applyScore = (score: ScoringResult<AssessmentScore>) => {
    queryClient.setQueryData(trpc.review.panel.queryKey(input), (old) => (old ? { ...old, score } : old));
    // Versions and names of the saved row come with the refetch.
    void queryClient.invalidateQueries(trpc.review.panel.queryFilter(input));
  };

  if (panel.isPending) return <LoadingState label={t("loading")} />;
  if (panel.isError) return <Alert>{panel.error.message}</Alert>;
  const data = panel.data;
  const score = data.score.ok ? data.score.value : null;
  const mine = score?.characteristics.find((c) => c.key === characteristicKey);
  const judgementByKey = new Map(data.judgements.map((j) => [j.criterionKey, j]));
  const rating = data.ratings.find((r) => r.characteristicKey === characteristicKey) ?? null;
  const editable = canEdit && data.canJudge;
  const level = (value: LevelOrNotAssessed) => <LevelBadge level={value} label={tLevels(value)} />;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        {!data.canJudge ? <Alert tone="info">{t("closed")}</Alert> : null}
        <ConfirmCarriedOver
          assessmentId={assessmentId}
          characteristicKey={characteristicKey}
          characteristicName={characteristicNames[characteristicKey] ?? characteristicKey}
          carriedOver={[
            ...data.judgements.filter((j) => j.characteristicKey === characteristicKey && j.carriedOver),
            ...(rating?.carriedOver ? [rating] : []),
          ]}
          ratings={rating?.carriedOver ? 1 : 0}
          editable={editable}
          onConfirmed={applyScore}
        />
        {!data.score.ok ? (
          <Alert tone="warning">
            {t("scoreProblems")}
            <ul className="list-disc pl-5">
              {data.score.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems are a fixed list computed per render, never reordered
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <CharacteristicJudgementForm
          assessmentId={assessmentId}
          characteristicKey={characteristicKey}
          criteria={criteria}
          saved={judgementByKey}
          linkableEvidence={data.linkableEvidence}
          editable={editable}
          levelHeading={(lvl) => level(lvl as LevelOrNotAssessed)}
          onSaved={applyScore}
          next={next}
        />
        {rateable ? (
          <Card>
            <h3 className="mb-3 font-semibold">{t("ratingTitle")}</h3>
            <RatingForm
              key={`${characteristicKey}@${rating?.version ?? 0}`}
              assessmentId={assessmentId}
              characteristicKey={characteristicKey}
              saved={rating}
              derivedLevel={mine?.derivedLevel ?? "not_assessed"}
              editable={editable}
              onSaved={applyScore}
            />
          </Card>
        ) : (
          <Alert tone="info">{t("unrated")}</Alert>
        )}
      </div>

      <aside className="space-y-6 lg:sticky lg:top-4 lg:self-start" aria-label={t("summaryLabel")}>
        <KpiRegisterSummaryCard assessmentId={assessmentId} characteristicKey={characteristicKey} criterionLabels={criterionLabels} />
        <Card>
          <h3 className="mb-3 font-semibold">{t("levelTitle")}</h3>
          {mine ? (
            <dl className="space-y-2 text-sm">
              <div className="flex items-center justify-between gap-2">
                <dt>{t("derived")}</dt>
                <dd aria-live="polite" aria-atomic="true" data-testid="derived-level" data-level={mine.derivedLevel}>
                  {level(mine.derivedLevel)}
                </dd>
              </div>
              <div className="flex items-center justify-between gap-2">
                <dt>{t("rated")}</dt>
                <dd>{mine.ratedLevel ? level(mine.ratedLevel) : t("none")}</dd>
              </div>
              <div className="flex items-center justify-between gap-2">
                <dt>{t("final")}</dt>
                <dd data-testid="final-level">{level(mine.finalLevel)}</dd>
              </div>
              <div className="flex items-center justify-between gap-2">
                <dt>{t("judged")}</dt>
                <dd>{t("judgedCount", { judged: mine.judgedCount, total: mine.criteriaCount })}</dd>
              </div>
              {mine.aheadOfStaircase.length ? (
                <p className="text-xs text-slate-600">
                  {t("ahead", { list: mine.aheadOfStaircase.map((k) => criterionLabels[k] ?? k).join(", ") })}
                </p>
              ) : null}
            </dl>
          ) : (
            <p className="text-sm text-slate-600">{t("noScore")}</p>
          )}
          <p className="mt-3 text-xs text-slate-500">{t("staircase")}</p>
        </Card>

        {score ? (
          <Card>
            <h3 className="mb-1 font-semibold">{t("roadmapTitle")}</h3>
            <p className="mb-3 text-xs text-slate-600">
              {score.balance.median === null
                ? t("balanceNone")
                : t("balance", { median: score.balance.median, spread: score.balance.spread ?? 0 })}
            </p>
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-xs" data-testid="roadmap">
                <caption className="sr-only">{t("roadmapCaption")}</caption>
                <thead className="border-b border-slate-200 text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-2">
                      {t("columns.characteristic")}
                    </th>
                    <th scope="col" className="py-1 pr-2">
                      {t("columns.current")}
                    </th>
                    <th scope="col" className="py-1">
                      {t("columns.next")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {score.roadmap.map((step) => (
                    <tr key={step.characteristicKey} className={step.characteristicKey === characteristicKey ? "bg-brand-50" : undefined}>
                      <th scope="row" className="py-1.5 pr-2 font-normal">
                        <Link href={`?c=${step.characteristicKey}`}>
                          {characteristicNames[step.characteristicKey] ?? step.characteristicKey}
                        </Link>
                        {step.lagging ? (
                          <span className="ml-1">
                            <Badge tone="amber">{t("lagging")}</Badge>
                          </span>
                        ) : null}
                      </th>
                      <td className="py-1.5 pr-2">{level(step.currentLevel)}</td>
                      <td className="py-1.5">
                        {step.status === "advance" || step.status === "assess"
                          ? t("nextStep", { level: tLevels(step.nextLevel ?? "basic"), count: step.unmetCriteria.length })
                          : t(`status.${step.status}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {score.balance.flags.length ? (
              <ul className="mt-3 list-disc pl-5 text-xs text-amber-900">
                {score.balance.flags.map((flag) => (
                  <li key={flag.characteristicKey}>
                    {t(flag.direction === "above" ? "flagAbove" : "flagBelow", {
                      characteristic: characteristicNames[flag.characteristicKey] ?? flag.characteristicKey,
                      distance: flag.distance,
                    })}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        ) : null}
      </aside>
    </div>
  );
}
