"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { useValidationMessage } from "@/components/ui/form-field";
import { Badge } from "@/components/ui/states";
import { JUDGEMENTS, type Judgement } from "@/shared/domain-values";
import type { PanelCriterion } from "./judgement-panel";

/** What the expert has chosen for one criterion in the characteristic form (not yet saved). */
export type CriterionDraft = { judgement: Judgement | ""; note: string; evidenceIds: string[] };

/** Where a carried-over judgement came from: the previous cycle's row (`review.panel`'s `carriedFrom`). */
export type CarriedFrom = { cycle: string; illustrative: boolean; judgedByName: string | null; judgedAt: Date | null };

/** The stored judgement the draft started from (from `review.panel`). */
export type SavedJudgement = {
  carriedFrom?: CarriedFrom | null;
  judgement: Judgement;
  note: string | null;
  evidenceIds: string[];
  version: number;
  carriedOver: boolean;
  updatedByName: string | null;
  updatedAt: Date;
};

export type LinkableEvidence = { id: string; title: string; kind: string; criterionKeys: string[] };

export type CriterionErrors = Partial<Record<"judgement" | "note" | "evidenceIds", string>>;

type Props = {
  criterion: PanelCriterion;
  saved: SavedJudgement | null;
  draft: CriterionDraft;
  dirty: boolean;
  errors: CriterionErrors;
  linkableEvidence: LinkableEvidence[];
  editable: boolean;
  onChange: (next: CriterionDraft) => void;
};

const JUDGEMENT_TONE = { met: "green", partially_met: "amber", not_met: "amber", not_applicable: "slate" } as const;

/**
 * One criterion inside the characteristic form: a radio group for the judgement (arrow keys move
 * between the four answers, Tab to the next criterion), a note, and the accepted evidence behind it.
 * Nothing is saved here: the form saves every changed criterion of the characteristic at once.
 */
export function CriterionJudgementRow({ criterion, saved, draft, dirty, errors, linkableEvidence, editable, onChange }: Props) {
  const t = useTranslations("review.judgement");
  const format = useFormatter();
  const translateError = useValidationMessage();
  const id = useId();
  const claiming = linkableEvidence.filter((e) => e.criterionKeys.includes(criterion.key));
  const others = linkableEvidence.filter((e) => !e.criterionKeys.includes(criterion.key));
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const by = saved?.updatedByName ?? t("authorUnknown");
  // Who judged it and when, in the cycle it was carried over from; the row's own date is the copy's.
  const carriedOverText = (row: SavedJudgement) => {
    const from = row.carriedFrom;
    if (!from) return t("carriedOverBy", { by, at: at(row.updatedAt) });
    if (from.illustrative) return t("carriedFromReference", { cycle: from.cycle });
    return t("carriedFrom", {
      cycle: from.cycle,
      by: from.judgedByName ?? t("authorUnknown"),
      at: from.judgedAt ? at(from.judgedAt) : "—",
    });
  };

  const toggleEvidence = (evidenceId: string, checked: boolean) =>
    onChange({
      ...draft,
      evidenceIds: checked ? [...draft.evidenceIds, evidenceId] : draft.evidenceIds.filter((x) => x !== evidenceId),
    });

  const evidenceCheckbox = (e: LinkableEvidence) => (
    <li key={e.id}>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          disabled={!editable}
          checked={draft.evidenceIds.includes(e.id)}
          onChange={(event) => toggleEvidence(e.id, event.target.checked)}
        />
        <span>
          {e.title} <span className="text-xs text-slate-500">({t(`kinds.${e.kind as "link"}`)})</span>
        </span>
      </label>
    </li>
  );

  return (
    <div
      className="space-y-3 rounded-lg border border-slate-200 p-4 data-[dirty=true]:border-brand-500 data-[dirty=true]:bg-brand-50/40"
      data-testid={`criterion-${criterion.key}`}
      data-dirty={dirty}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p id={`${id}-text`} className="font-medium">
          {criterion.text}
        </p>
        <span className="flex flex-wrap gap-1">
          {dirty ? <Badge tone="blue">{t("changed")}</Badge> : null}
          {saved ? <Badge tone={JUDGEMENT_TONE[saved.judgement]}>{t(`values.${saved.judgement}`)}</Badge> : <Badge>{t("notJudged")}</Badge>}
        </span>
      </div>
      <fieldset aria-labelledby={`${id}-text`} aria-describedby={errors.judgement ? `${id}-judgement-error` : undefined}>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {JUDGEMENTS.map((value) => (
            <label key={value} className="flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name={`${id}-judgement`}
                value={value}
                disabled={!editable}
                checked={draft.judgement === value}
                onChange={() => onChange({ ...draft, judgement: value })}
              />
              {t(`values.${value}`)}
            </label>
          ))}
        </div>
        {errors.judgement ? (
          <p id={`${id}-judgement-error`} role="alert" className="mt-1 text-sm text-red-700">
            {translateError(errors.judgement)}
          </p>
        ) : null}
      </fieldset>
      {criterion.note ? <p className="text-xs text-slate-500">{criterion.note}</p> : null}
      {saved ? (
        <p className="text-xs text-slate-600" data-testid="judgement-provenance">
          {saved.carriedOver ? carriedOverText(saved) : t("savedBy", { version: saved.version, by, at: at(saved.updatedAt) })}
        </p>
      ) : null}
      <div>
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
          {t("note")}
        </label>
        <textarea
          id={`${id}-note`}
          rows={2}
          disabled={!editable}
          value={draft.note}
          onChange={(event) => onChange({ ...draft, note: event.target.value })}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${id}-note-error` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
        {errors.note ? (
          <p id={`${id}-note-error`} role="alert" className="mt-1 text-sm text-red-700">
            {translateError(errors.note)}
          </p>
        ) : null}
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
          {errors.evidenceIds ? (
            <p role="alert" className="text-sm text-red-700">
              {translateError(errors.evidenceIds)}
            </p>
          ) : null}
        </fieldset>
      ) : (
        <p className="text-xs text-slate-500">{t("noAcceptedEvidence")}</p>
      )}
    </div>
  );
}
