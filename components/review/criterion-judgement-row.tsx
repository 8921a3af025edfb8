"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/form-field";
import { Alert, Badge } from "@/components/ui/states";
import { criterionJudgementInputSchema } from "@/server/review/review-schemas";
import type { AssessmentScore, ScoringResult } from "@/server/scoring/score-assessment";
import { JUDGEMENTS, type Judgement } from "@/shared/domain-values";
import { conflictCurrent } from "./conflict-details";
import type { PanelCriterion } from "./judgement-panel";

type SavedJudgement = {
  judgement: Judgement;
  note: string | null;
  evidenceIds: string[];
  version: number;
  carriedOver: boolean;
  updatedByName: string | null;
  updatedAt: Date;
};
type Linkable = { id: string; title: string; kind: string; criterionKeys: string[] };
type Newer = { judgement: Judgement; note: string | null; evidenceIds: string[]; version: number; updatedByName: string | null };

type Props = {
  assessmentId: string;
  criterion: PanelCriterion;
  saved: SavedJudgement | null;
  linkableEvidence: Linkable[];
  editable: boolean;
  onSaved: (score: ScoringResult<AssessmentScore>) => void;
};

/** One criterion: its judgement, a note and the accepted evidence behind it, saved with its version. */
export function CriterionJudgementRow({ assessmentId, criterion, saved, linkableEvidence, editable, onSaved }: Props) {
  const t = useTranslations("review.judgement");
  const format = useFormatter();
  const trpc = useTRPC();
  const headingId = useId();
  const save = useMutation(trpc.review.saveJudgement.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const [newer, setNewer] = useState<Newer | null>(null);
  const [savedMessage, setSavedMessage] = useState(false);
  const form = useForm<z.input<typeof criterionJudgementInputSchema>, unknown, z.output<typeof criterionJudgementInputSchema>>({
    resolver: zodResolver(criterionJudgementInputSchema),
    defaultValues: {
      criterionKey: criterion.key,
      judgement: saved?.judgement ?? ("" as Judgement),
      note: saved?.note ?? "",
      evidenceIds: saved?.evidenceIds ?? [],
      expectedVersion: saved?.version ?? null,
    },
  });
  const claiming = linkableEvidence.filter((e) => e.criterionKeys.includes(criterion.key));
  const others = linkableEvidence.filter((e) => !e.criterionKeys.includes(criterion.key));

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setNewer(null);
    setSavedMessage(false);
    try {
      const result = await save.mutateAsync({ assessmentId, ...values });
      setSavedMessage(true);
      onSaved(result.score);
    } catch (error) {
      const current = conflictCurrent<Newer>(error);
      if (current !== undefined) setNewer(current);
      setFormError(applyServerFieldErrors(error, form.setError, ["judgement", "note", "evidenceIds"]));
    }
  });

  const evidenceCheckbox = (e: Linkable) => (
    <li key={e.id}>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" value={e.id} className="mt-1" disabled={!editable} {...form.register("evidenceIds")} />
        <span>
          {e.title} <span className="text-xs text-slate-500">({t(`kinds.${e.kind as "link"}`)})</span>
        </span>
      </label>
    </li>
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-slate-200 p-4"
      data-testid={`criterion-${criterion.key}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p id={headingId} className="font-medium">
          {criterion.text}
        </p>
        {saved ? (
          <Badge tone={saved.judgement === "met" ? "green" : saved.judgement === "not_applicable" ? "slate" : "amber"}>
            {t(`values.${saved.judgement}`)}
          </Badge>
        ) : (
          <Badge>{t("notJudged")}</Badge>
        )}
      </div>
      {criterion.note ? <p className="text-xs text-slate-500">{criterion.note}</p> : null}
      {saved?.carriedOver ? <Alert tone="info">{t("carriedOver")}</Alert> : null}
      {newer !== null || formError ? (
        <Alert tone={newer ? "warning" : "error"}>
          {formError}
          {newer ? (
            <span className="mt-2 block">
              {t("newerValue", { judgement: t(`values.${newer.judgement}`), by: newer.updatedByName ?? "—", version: newer.version })}
              {newer.note ? <span className="block italic">“{newer.note}”</span> : null}
              <Button
                type="button"
                size="sm"
                variant="secondary"
                className="mt-2"
                onClick={() => {
                  form.reset({
                    criterionKey: criterion.key,
                    judgement: newer.judgement,
                    note: newer.note ?? "",
                    evidenceIds: newer.evidenceIds,
                    expectedVersion: newer.version,
                  });
                  setNewer(null);
                  setFormError(null);
                }}
              >
                {t("useNewer")}
              </Button>
            </span>
          ) : null}
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t("judgement")}
          disabled={!editable}
          error={form.formState.errors.judgement?.message}
          {...form.register("judgement")}
        >
          <option value="">{t("choose")}</option>
          {JUDGEMENTS.map((j) => (
            <option key={j} value={j}>
              {t(`values.${j}`)}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">
          <TextAreaField
            label={t("note")}
            rows={2}
            className="min-h-0"
            disabled={!editable}
            error={form.formState.errors.note?.message}
            {...form.register("note")}
          />
        </div>
      </div>
      {linkableEvidence.length ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("evidence")}</legend>
          {claiming.length ? (
            <>
              <p className="mt-1 text-xs text-slate-500">{t("claiming")}</p>
              <ul className="space-y-1">{claiming.map(evidenceCheckbox)}</ul>
            </>
          ) : null}
          {others.length ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-600">{t("otherEvidence", { count: others.length })}</summary>
              <ul className="mt-1 space-y-1">{others.map(evidenceCheckbox)}</ul>
            </details>
          ) : null}
          {form.formState.errors.evidenceIds ? (
            <p role="alert" className="text-sm text-red-700">
              {form.formState.errors.evidenceIds.message}
            </p>
          ) : null}
        </fieldset>
      ) : (
        <p className="text-xs text-slate-500">{t("noAcceptedEvidence")}</p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {editable ? (
          <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
            {t("save")}
          </Button>
        ) : null}
        {saved ? (
          <span className="text-xs text-slate-500">
            {t("savedBy", {
              version: saved.version,
              by: saved.updatedByName ?? "—",
              at: format.dateTime(saved.updatedAt, { dateStyle: "medium", timeStyle: "short" }),
            })}
          </span>
        ) : null}
        {savedMessage ? (
          <span role="status" className="text-xs text-emerald-700">
            {t("saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
