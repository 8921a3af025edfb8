"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { characteristicJudgementsInputSchema } from "@/server/review/review-schemas";
import type { AssessmentScore, ScoringResult } from "@/server/scoring/score-assessment";
import type { CharacteristicKey, Judgement } from "@/shared/domain-values";
import {
  type CriterionDraft,
  type CriterionErrors,
  CriterionJudgementRow,
  type LinkableEvidence,
  type SavedJudgement,
} from "./criterion-judgement-row";
import type { PanelCriterion } from "./judgement-panel";

type Conflict = {
  criterionKey: string;
  current: { judgement: Judgement; note: string | null; evidenceIds: string[]; version: number; updatedByName: string | null } | null;
};

type Props = {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  criteria: PanelCriterion[];
  /** The stored judgements of this characteristic, by criterion key. */
  saved: Map<string, SavedJudgement>;
  linkableEvidence: LinkableEvidence[];
  editable: boolean;
  /** Level headings ("Basic", …) rendered above each level's criteria. */
  levelHeading: (level: string) => ReactNode;
  onSaved: (score: ScoringResult<AssessmentScore>) => void;
  /** Rendered beside the Save button: the links to the next characteristic and the next queued item. */
  next?: ReactNode;
};

type Baseline = { judgement: Judgement | ""; note: string; evidenceIds: string[]; version: number | null };

function baselineOf(saved: SavedJudgement | undefined): Baseline {
  return saved
    ? { judgement: saved.judgement, note: saved.note ?? "", evidenceIds: [...saved.evidenceIds], version: saved.version }
    : { judgement: "", note: "", evidenceIds: [], version: null };
}

function sameContent(a: CriterionDraft, b: CriterionDraft): boolean {
  const ids = (x: string[]) => [...x].sort().join(",");
  return a.judgement === b.judgement && a.note.trim() === b.note.trim() && ids(a.evidenceIds) === ids(b.evidenceIds);
}

function draftOf(b: Baseline): CriterionDraft {
  return { judgement: b.judgement, note: b.note, evidenceIds: [...b.evidenceIds] };
}

/** `judgements.3.note` → { index: 3, field: "note" } */
function fieldPath(path: string): { index: number; field: keyof CriterionErrors } | null {
  const match = /^judgements\.(\d+)\.(judgement|note|evidenceIds)/.exec(path);
  return match ? { index: Number(match[1]), field: match[2] as keyof CriterionErrors } : null;
}

function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
}

/**
 * Every criterion of one characteristic in one form with one Save (`review.saveJudgements`: one
 * transaction, all or nothing). The form keeps, per criterion, the stored value it started from
 * (with its version): only criteria that differ from it are sent, and each carries that version,
 * so someone else's newer save is a conflict and never silently overwritten. A refetch that only
 * bumped versions (a "confirm all" of carried-over judgements) moves the baseline without touching
 * the expert's edits. Ctrl/Cmd+S saves from anywhere on the page, Enter saves from a radio button
 * or checkbox, Ctrl/Cmd+Enter from the note.
 */
export function CharacteristicJudgementForm({
  assessmentId,
  characteristicKey,
  criteria,
  saved,
  linkableEvidence,
  editable,
  levelHeading,
  onSaved,
  next,
}: Props) {
  const t = useTranslations("review.batch");
  const tJudgement = useTranslations("review.judgement");
  const format = useFormatter();
  const trpc = useTRPC();
  const statusId = useId();
  const save = useMutation(trpc.review.saveJudgements.mutationOptions());
  const formRef = useRef<HTMLFormElement>(null);
  const [baselines, setBaselines] = useState<Record<string, Baseline>>(() =>
    Object.fromEntries(criteria.map((c) => [c.key, baselineOf(saved.get(c.key))])),
  );
  const [drafts, setDrafts] = useState<Record<string, CriterionDraft>>(() =>
    Object.fromEntries(criteria.map((c) => [c.key, draftOf(baselineOf(saved.get(c.key)))])),
  );
  const [errors, setErrors] = useState<Record<string, CriterionErrors>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [savedAt, setSavedAt] = useState<{ at: Date; count: number } | null>(null);

  const isDirty = (key: string) => !sameContent(drafts[key], draftOf(baselines[key]));
  const dirtyKeys = criteria.map((c) => c.key).filter(isDirty);

  // The stored values changed (a refetch after a save, a confirmation, someone else's save).
  const savedSignature = criteria.map((c) => `${c.key}@${saved.get(c.key)?.version ?? 0}`).join("|");
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the stored versions only; the drafts are read as they stand
  useEffect(() => {
    const nextBaselines = { ...baselines };
    const nextDrafts = { ...drafts };
    let moved = false;
    for (const c of criteria) {
      const fresh = baselineOf(saved.get(c.key));
      const old = baselines[c.key];
      if (fresh.version === old.version) continue;
      const untouched = sameContent(drafts[c.key], draftOf(old));
      // Same content at a newer version, or nothing edited here: follow the stored value. Otherwise
      // the expert edited a value someone else changed meanwhile, and saving reports the conflict.
      if (untouched || sameContent(draftOf(fresh), draftOf(old))) {
        nextBaselines[c.key] = fresh;
        if (untouched) nextDrafts[c.key] = draftOf(fresh);
        moved = true;
      }
    }
    if (moved) {
      setBaselines(nextBaselines);
      setDrafts(nextDrafts);
    }
  }, [savedSignature]);

  // Leaving with unsaved changes asks first (reload, closing the tab, typing another address).
  const dirtyCount = dirtyKeys.length;
  useEffect(() => {
    if (dirtyCount === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirtyCount]);

  const submit = useCallback(async () => {
    if (!editable || save.isPending) return;
    setFormError(null);
    setConflicts([]);
    setErrors({});
    const changed = criteria.filter((c) => !sameContent(drafts[c.key], draftOf(baselines[c.key])));
    if (changed.length === 0) {
      setFormError(t("nothingChanged"));
      return;
    }
    const payload = {
      characteristicKey,
      judgements: changed.map((c) => ({
        criterionKey: c.key,
        judgement: drafts[c.key].judgement,
        note: drafts[c.key].note,
        evidenceIds: drafts[c.key].evidenceIds,
        expectedVersion: baselines[c.key].version,
      })),
    };
    const rowErrors = (paths: [string, string][]) => {
      const out: Record<string, CriterionErrors> = {};
      for (const [path, message] of paths) {
        const at = fieldPath(path);
        if (!at || !changed[at.index]) continue;
        const key = changed[at.index].key;
        out[key] = { ...out[key], [at.field]: out[key]?.[at.field] ?? message };
      }
      return out;
    };
    const parsed = characteristicJudgementsInputSchema.safeParse(payload);
    if (!parsed.success) {
      const found = rowErrors(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
      setErrors(found);
      setFormError(t("fixErrors"));
      focusFirstError(formRef.current);
      return;
    }
    try {
      const result = await save.mutateAsync({ assessmentId, ...parsed.data });
      const nextBaselines = { ...baselines };
      for (const row of result.saved) {
        nextBaselines[row.criterionKey] = {
          judgement: row.judgement,
          note: row.note ?? "",
          evidenceIds: [...row.evidenceIds],
          version: row.version,
        };
      }
      setBaselines(nextBaselines);
      // Follow the stored value, unless the expert edited the criterion again while it was saving.
      const sent = drafts;
      setDrafts((current) => {
        const nextDrafts = { ...current };
        for (const key of [...result.saved.map((r) => r.criterionKey), ...result.unchanged]) {
          if (sameContent(current[key], sent[key])) nextDrafts[key] = draftOf(nextBaselines[key]);
        }
        return nextDrafts;
      });
      setSavedAt({ at: new Date(), count: result.saved.length });
      onSaved(result.score);
      // Onwards: the next characteristic's link takes the focus, so Enter follows it.
      formRef.current?.querySelector<HTMLElement>("[data-focus-after-save]")?.focus();
    } catch (error) {
      const shape = (error as { shape?: { data?: { code?: string; details?: { conflicts?: Conflict[] } } } }).shape;
      const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> } }).data;
      if (shape?.data?.code === "CONFLICT") setConflicts(shape.data.details?.conflicts ?? []);
      const found = rowErrors(Object.entries(data?.fieldErrors ?? {}).map(([path, messages]) => [path, messages?.[0] ?? ""]));
      setErrors(found);
      setFormError((error as Error).message);
    }
  }, [assessmentId, baselines, characteristicKey, criteria, drafts, editable, onSaved, save, t]);

  // Ctrl/Cmd+S saves from anywhere on the page while the form is shown.
  useEffect(() => {
    if (!editable) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void submit();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, submit]);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== "Enter") return;
    const isChoice = target instanceof HTMLInputElement && (target.type === "radio" || target.type === "checkbox");
    if (isChoice || ((event.ctrlKey || event.metaKey) && target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      void submit();
    }
  };

  const loadNewerValues = () => {
    const nextBaselines = { ...baselines };
    const nextDrafts = { ...drafts };
    for (const c of conflicts) {
      const fresh: Baseline = c.current
        ? {
            judgement: c.current.judgement,
            note: c.current.note ?? "",
            evidenceIds: [...c.current.evidenceIds],
            version: c.current.version,
          }
        : { judgement: "", note: "", evidenceIds: [], version: null };
      nextBaselines[c.criterionKey] = fresh;
      nextDrafts[c.criterionKey] = draftOf(fresh);
    }
    setBaselines(nextBaselines);
    setDrafts(nextDrafts);
    setConflicts([]);
    setFormError(null);
  };

  const criterionText = (key: string) => criteria.find((c) => c.key === key)?.text ?? key;
  const levels = [...new Set(criteria.map((c) => c.level))];
  const shortcut = isMac() ? "⌘S" : "Ctrl+S";
  const state = save.isPending ? "saving" : dirtyKeys.length > 0 ? "unsaved" : savedAt ? "saved" : "clean";

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t("formLabel")}
      aria-describedby={statusId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={onKeyDown}
      className="space-y-6"
      data-testid="characteristic-judgement-form"
      data-state={state}
    >
      {formError ? (
        <Alert tone={conflicts.length ? "warning" : "error"}>
          {formError}
          {conflicts.length ? (
            <span className="mt-2 block">
              <ul className="list-disc pl-5">
                {conflicts.map((c) => (
                  <li key={c.criterionKey}>
                    {criterionText(c.criterionKey)}:{" "}
                    {c.current
                      ? tJudgement("newerValue", {
                          judgement: tJudgement(`values.${c.current.judgement}`),
                          by: c.current.updatedByName ?? tJudgement("authorUnknown"),
                          version: c.current.version,
                        })
                      : t("removedMeanwhile")}
                  </li>
                ))}
              </ul>
              <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={loadNewerValues}>
                {t("useNewer")}
              </Button>
            </span>
          ) : null}
        </Alert>
      ) : null}
      {levels.map((level) => (
        <Card key={level}>
          <h3 className="mb-3 flex items-center gap-2">{levelHeading(level)}</h3>
          <ul className="space-y-4">
            {criteria
              .filter((c) => c.level === level)
              .map((criterion) => (
                <li key={criterion.key}>
                  <CriterionJudgementRow
                    criterion={criterion}
                    saved={saved.get(criterion.key) ?? null}
                    draft={drafts[criterion.key]}
                    dirty={isDirty(criterion.key)}
                    errors={errors[criterion.key] ?? {}}
                    linkableEvidence={linkableEvidence}
                    editable={editable}
                    onChange={(draft) => {
                      setDrafts((d) => ({ ...d, [criterion.key]: draft }));
                      setSavedAt(null);
                    }}
                  />
                </li>
              ))}
          </ul>
        </Card>
      ))}
      <div className="sticky bottom-0 z-10 -mx-2 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white/95 px-3 py-3 shadow-md backdrop-blur">
        {editable ? (
          <Button type="submit" disabled={save.isPending} aria-keyshortcuts="Control+S Meta+S" data-testid="save-judgements">
            {save.isPending ? t("saving") : t("save", { count: dirtyKeys.length })}
          </Button>
        ) : null}
        <p id={statusId} role="status" aria-live="polite" className="min-w-0 flex-1 text-sm" data-testid="judgement-save-state">
          {state === "saving" ? (
            <span className="text-slate-600">{t("saving")}</span>
          ) : state === "unsaved" ? (
            <span className="font-medium text-amber-900">{t("unsaved", { count: dirtyKeys.length })}</span>
          ) : state === "saved" && savedAt ? (
            <span className="text-emerald-800">
              {t("savedAt", { count: savedAt.count, at: format.dateTime(savedAt.at, { timeStyle: "short" }) })}
            </span>
          ) : (
            <span className="text-slate-600">{t("upToDate")}</span>
          )}
          {editable ? <span className="ml-2 text-xs text-slate-500">{t("shortcut", { shortcut })}</span> : null}
        </p>
        {next}
      </div>
    </form>
  );
}

function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() =>
    form?.querySelector<HTMLElement>('[role="alert"]')?.closest("li")?.querySelector<HTMLElement>("input, textarea")?.focus(),
  );
}
