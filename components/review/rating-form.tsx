"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { characteristicRatingInputSchema } from "@/server/review/review-schemas";
import type { AssessmentScore, ScoringResult } from "@/server/scoring/score-assessment";
import { type CharacteristicKey, FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";
import { conflictCurrent } from "./conflict-details";

type SavedRating = {
  level: LevelOrNotAssessed;
  justification: string | null;
  version: number;
  carriedOver: boolean;
  updatedByName: string | null;
  updatedAt: Date;
};
type Newer = { level: LevelOrNotAssessed; justification: string | null; version: number; updatedByName: string | null };

type Props = {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  saved: SavedRating | null;
  derivedLevel: LevelOrNotAssessed;
  editable: boolean;
  onSaved: (score: ScoringResult<AssessmentScore>) => void;
};

/** The expert group's rated level, which overrides the derived one; always justified. */
export function RatingForm({ assessmentId, characteristicKey, saved, derivedLevel, editable, onSaved }: Props) {
  const t = useTranslations("review.rating");
  const tLevels = useTranslations("review.levels");
  const format = useFormatter();
  const trpc = useTRPC();
  const save = useMutation(trpc.review.saveRating.mutationOptions());
  const clear = useMutation(trpc.review.clearRating.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const [newer, setNewer] = useState<Newer | null | undefined>(undefined);
  const form = useForm<z.input<typeof characteristicRatingInputSchema>, unknown, z.output<typeof characteristicRatingInputSchema>>({
    resolver: zodResolver(characteristicRatingInputSchema),
    defaultValues: {
      characteristicKey,
      level: saved?.level ?? derivedLevel,
      justification: saved?.justification ?? "",
      expectedVersion: saved?.version ?? null,
    },
  });

  const handleError = (error: unknown) => {
    const current = conflictCurrent<Newer>(error);
    setNewer(current);
    setFormError(applyServerFieldErrors(error, form.setError, ["level", "justification"]));
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setNewer(undefined);
    try {
      onSaved((await save.mutateAsync({ assessmentId, ...values })).score);
    } catch (error) {
      handleError(error);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={t("title")}>
      <p className="text-sm text-slate-600">{t("explained", { derived: tLevels(derivedLevel) })}</p>
      {saved?.carriedOver ? <Alert tone="info">{t("carriedOver")}</Alert> : null}
      {formError ? (
        <Alert tone={newer !== undefined ? "warning" : "error"}>
          {formError}
          {newer ? (
            <span className="mt-2 block">
              {t("newerValue", { level: tLevels(newer.level), by: newer.updatedByName ?? "—", version: newer.version })}
              {newer.justification ? <span className="block italic">“{newer.justification}”</span> : null}
              <Button
                type="button"
                size="sm"
                variant="secondary"
                className="mt-2"
                onClick={() => {
                  form.reset({
                    characteristicKey,
                    level: newer.level,
                    justification: newer.justification ?? "",
                    expectedVersion: newer.version,
                  });
                  setNewer(undefined);
                  setFormError(null);
                }}
              >
                {t("useNewer")}
              </Button>
            </span>
          ) : null}
          {newer === null ? <span className="mt-1 block">{t("removedMeanwhile")}</span> : null}
        </Alert>
      ) : null}
      <SelectField label={t("level")} disabled={!editable} error={form.formState.errors.level?.message} {...form.register("level")}>
        {FIGURE3_COLUMNS.map((level) => (
          <option key={level} value={level}>
            {tLevels(level)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t("justification")}
        disabled={!editable}
        error={form.formState.errors.justification?.message}
        {...form.register("justification")}
      />
      <div className="flex flex-wrap items-center gap-3">
        {editable ? (
          <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
            {t("save")}
          </Button>
        ) : null}
        {editable && saved ? (
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={clear.isPending}
            onClick={async () => {
              setFormError(null);
              try {
                onSaved((await clear.mutateAsync({ assessmentId, characteristicKey, expectedVersion: saved.version })).score);
              } catch (error) {
                handleError(error);
              }
            }}
          >
            {t("clear")}
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
      </div>
    </form>
  );
}
