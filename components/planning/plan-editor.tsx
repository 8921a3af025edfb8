"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/form-field";
import { Alert, Badge } from "@/components/ui/states";
import { BalanceAndRoadmap } from "@/components/workflow/balance-and-roadmap";
import { useRouter } from "@/i18n/navigation";
import { planFieldsSchema } from "@/server/planning/plan-schemas";
import { type BaselineJudgement, metAtStart, scorePlan } from "@/server/planning/plan-scoring";
import { getFramework } from "@/server/scoring/framework-registry";
import type { Locale } from "@/server/scoring/framework-types";
import { levelValue } from "@/server/scoring/levels";
import type { AssessmentScore } from "@/server/scoring/score-assessment";

const detailsSchema = planFieldsSchema.pick({ name: true, description: true, targetCycle: true });
type Details = z.input<typeof detailsSchema>;
const FIELDS = ["name", "description", "targetCycle"] as const;

export type PlanOwner = { id: string; name: string };

type Props = {
  cityId: string;
  framework: { frameworkKey: string; frameworkVersion: string };
  lang: Locale;
  judgements: BaselineJudgement[];
  owners: PlanOwner[];
  /** Absent for a new plan. */
  plan?: {
    id: string;
    version: number;
    name: string;
    description: string;
    targetCycle: string;
    criteria: { criterionKey: string; ownerId: string | null }[];
  };
  suggestedCycle: string;
};

/**
 * The planner's editor: a checklist of criteria by characteristic, and beside it the levels, balance
 * warnings and roadmap the scoring core gives for the ticked set, recomputed in the browser on every
 * tick (the core is pure; nothing here derives a level).
 */
export function PlanEditor({ cityId, framework: pinned, lang, judgements, owners, plan, suggestedCycle }: Props) {
  const t = useTranslations("planning");
  const tw = useTranslations("workflow");
  const trpc = useTRPC();
  const router = useRouter();
  const framework = getFramework(pinned.frameworkKey, pinned.frameworkVersion);
  if (!framework) throw new Error(`Framework ${pinned.frameworkKey}@${pinned.frameworkVersion} is not registered`);
  const [planned, setPlanned] = useState<Map<string, string | null>>(
    () => new Map((plan?.criteria ?? []).map((c) => [c.criterionKey, c.ownerId])),
  );
  const [version, setVersion] = useState(plan?.version ?? 1);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.plans.create.mutationOptions());
  const update = useMutation(trpc.plans.update.mutationOptions());
  const form = useForm<Details>({
    resolver: zodResolver(detailsSchema),
    defaultValues: { name: plan?.name ?? "", description: plan?.description ?? "", targetCycle: plan?.targetCycle ?? suggestedCycle },
  });

  const alreadyMet = useMemo(() => metAtStart(judgements), [judgements]);
  const plannedKeys = useMemo(() => [...planned.keys()], [planned]);
  const now = useMemo(() => scorePlan(framework, judgements, []), [framework, judgements]);
  const withPlan = useMemo(() => scorePlan(framework, judgements, plannedKeys), [framework, judgements, plannedKeys]);
  const names = Object.fromEntries(framework.characteristics.map((c) => [c.key, c.name[lang]]));

  const toggle = (key: string, on: boolean) =>
    setPlanned((prev) => {
      const next = new Map(prev);
      if (on) next.set(key, null);
      else next.delete(key);
      return next;
    });
  const setOwner = (key: string, ownerId: string | null) => setPlanned((prev) => new Map(prev).set(key, ownerId));

  const onSubmit = form.handleSubmit(async (details) => {
    setFormError(null);
    const criteria = [...planned.entries()].map(([criterionKey, ownerId]) => ({ criterionKey, ownerId }));
    try {
      if (plan) {
        const saved = await update.mutateAsync({ planId: plan.id, expectedVersion: version, ...details, criteria });
        setVersion(saved.version);
        toast.success(t("toast.updated"));
        router.refresh();
      } else {
        const saved = await create.mutateAsync({ cityId, ...details, criteria });
        toast.success(t("toast.created"));
        router.push(`/plans/${saved.id}`);
      }
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, FIELDS));
    }
  });
  const errors = form.formState.errors;
  const saving = create.isPending || update.isPending;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="plan-editor">
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
        <div className="min-w-0 space-y-6">
          <Card className="space-y-4">
            <TextField label={t("editor.name")} hint={t("editor.nameHint")} error={errors.name?.message} {...form.register("name")} />
            <TextField
              label={t("editor.targetCycle")}
              hint={t("editor.targetCycleHint")}
              error={errors.targetCycle?.message}
              {...form.register("targetCycle")}
            />
            <TextAreaField label={t("editor.description")} rows={3} error={errors.description?.message} {...form.register("description")} />
          </Card>
          <Card>
            <CardHeader
              title={t("editor.criteriaTitle")}
              description={`${t("editor.criteriaHint")} ${t("editor.planned", { count: planned.size })}`}
            />
            <div className="space-y-6">
              {framework.characteristics
                .filter((c) => c.rateable)
                .map((characteristic) => (
                  <fieldset key={characteristic.key} className="min-w-0 space-y-2" data-testid={`plan-group-${characteristic.key}`}>
                    <legend className="mb-2 font-semibold text-slate-900">{characteristic.name[lang]}</legend>
                    <ul className="space-y-2">
                      {characteristic.criteria.map((criterion) => {
                        const met = alreadyMet.has(criterion.key);
                        const ticked = planned.has(criterion.key);
                        const inputId = `plan-criterion-${criterion.key}`;
                        return (
                          <li key={criterion.key} className="rounded-md border border-slate-200 p-2 text-sm">
                            <div className="flex items-start gap-2">
                              <input
                                id={inputId}
                                type="checkbox"
                                className="mt-1 h-4 w-4 shrink-0"
                                checked={met || ticked}
                                disabled={met}
                                onChange={(e) => toggle(criterion.key, e.target.checked)}
                              />
                              <label htmlFor={inputId} className="min-w-0 break-words">
                                <span className="font-medium">{tw(`levels.${criterion.level}`)}:</span> {criterion.text[lang]}
                                {met ? <span className="ml-2 text-xs text-slate-500">({t("editor.alreadyMet")})</span> : null}
                              </label>
                            </div>
                            {ticked && owners.length > 0 ? (
                              <div className="mt-2 pl-6">
                                <label className="sr-only" htmlFor={`${inputId}-owner`}>
                                  {`${t("editor.owner")}: ${criterion.text[lang]}`}
                                </label>
                                <select
                                  id={`${inputId}-owner`}
                                  className="w-full max-w-xs rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                                  value={planned.get(criterion.key) ?? ""}
                                  onChange={(e) => setOwner(criterion.key, e.target.value || null)}
                                >
                                  <option value="">{t("editor.noOwner")}</option>
                                  {owners.map((o) => (
                                    <option key={o.id} value={o.id}>
                                      {`${t("editor.owner")}: ${o.name}`}
                                    </option>
                                  ))}
                                </select>
                              </div>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  </fieldset>
                ))}
            </div>
          </Card>
        </div>
        <div className="min-w-0 space-y-4 lg:sticky lg:top-4 lg:self-start">
          <Card>
            <CardHeader title={t("editor.outcomeTitle")} />
            {now.ok && withPlan.ok ? (
              <LevelsTable now={now.value} planned={withPlan.value} names={names} />
            ) : (
              <Alert>{withPlan.ok ? "" : withPlan.errors.map((e) => e.message).join(" ")}</Alert>
            )}
          </Card>
          <Button type="submit" disabled={saving} className="w-full">
            {saving ? t("editor.saving") : t("editor.save")}
          </Button>
        </div>
      </div>
      {withPlan.ok ? (
        <BalanceAndRoadmap balance={withPlan.value.balance} roadmap={withPlan.value.roadmap} characteristicNames={names} />
      ) : null}
    </form>
  );
}

/** Levels now and with the plan, per rateable characteristic; a raised level is marked, not only coloured. */
export function LevelsTable({ now, planned, names }: { now: AssessmentScore; planned: AssessmentScore; names: Record<string, string> }) {
  const t = useTranslations("planning.editor");
  const tw = useTranslations("workflow");
  const before = new Map(now.characteristics.map((c) => [c.key, c.finalLevel]));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="plan-levels">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th scope="col" className="py-1 pr-2 font-medium">
              {t("characteristic")}
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              {t("now")}
            </th>
            <th scope="col" className="py-1 font-medium">
              {t("withPlan")}
            </th>
          </tr>
        </thead>
        <tbody>
          {planned.characteristics
            .filter((c) => c.rateable)
            .map((c) => {
              const was = before.get(c.key) ?? "not_assessed";
              const raised = (levelValue(c.finalLevel) ?? -1) > (levelValue(was) ?? -1);
              return (
                <tr key={c.key} className="border-b border-slate-100 align-top" data-testid={`plan-level-${c.key}`}>
                  <th scope="row" className="py-1 pr-2 font-normal">
                    {names[c.key] ?? c.key}
                  </th>
                  <td className="py-1 pr-2">{tw(`levels.${was}`)}</td>
                  <td className="py-1">
                    <span className={raised ? "font-semibold text-emerald-800" : undefined} data-testid="planned-level">
                      {tw(`levels.${c.finalLevel}`)}
                    </span>
                    {raised ? (
                      <span className="ml-1">
                        <Badge tone="green">{t("raised")}</Badge>
                      </span>
                    ) : null}
                    {c.aheadOfStaircase.length > 0 ? (
                      <span className="mt-1 block text-xs text-amber-800">{t("ahead", { count: c.aheadOfStaircase.length })}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}
