"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import type { AssessmentScore, ScoringResult } from "@/server/scoring/score-assessment";
import type { CharacteristicKey } from "@/shared/domain-values";

type Props = {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  characteristicName: string;
  /** The carried-over, unconfirmed judgements and rating of the characteristic, with who made them and when they were copied. */
  carriedOver: {
    updatedByName: string | null;
    updatedAt: Date;
    carriedFrom?: { cycle: string; illustrative: boolean; judgedByName: string | null; judgedAt: Date | null } | null;
  }[];
  ratings: number;
  editable: boolean;
  onConfirmed: (score: ScoringResult<AssessmentScore>) => void;
};

/**
 * What the previous cycle left in this characteristic, unconfirmed, and the expert's one-step
 * "confirm them all as they stand" (asked twice, recorded in the audit trail). Until every
 * carried-over judgement is confirmed or changed, the assessment cannot be marked rated.
 */
export function ConfirmCarriedOver({
  assessmentId,
  characteristicKey,
  characteristicName,
  carriedOver,
  ratings,
  editable,
  onConfirmed,
}: Props) {
  const t = useTranslations("review.carriedOver");
  const tJudgement = useTranslations("review.judgement");
  const format = useFormatter();
  const judgements = carriedOver.length - ratings;
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const confirm = useMutation(
    trpc.review.confirmCarriedOver.mutationOptions({
      onSuccess: (result) => {
        setAsking(false);
        onConfirmed(result.score);
      },
    }),
  );
  if (carriedOver.length === 0) return null;
  // Who made them and when: the previous cycle's experts and dates (or the illustrative reference data).
  const origin = carriedOver.find((row) => row.carriedFrom)?.carriedFrom ?? null;
  const authors = [...new Set(carriedOver.map((row) => row.carriedFrom?.judgedByName ?? row.updatedByName ?? tJudgement("authorUnknown")))];
  const dates = carriedOver.map((row) => new Date(row.carriedFrom?.judgedAt ?? row.updatedAt).getTime());
  const day = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium" });
  const period = Math.min(...dates) === Math.max(...dates) ? day(dates[0]) : `${day(Math.min(...dates))} – ${day(Math.max(...dates))}`;
  const provenance = origin?.illustrative
    ? t("provenanceReference", { cycle: origin.cycle })
    : t("provenance", { cycle: origin?.cycle ?? "—", authors: authors.join(", "), at: period });
  return (
    <Alert tone="warning">
      <p data-testid="carried-over-pending">{t("pending", { judgements, ratings, characteristic: characteristicName })}</p>
      <p className="mt-1 text-xs" data-testid="carried-over-provenance">
        {provenance}
      </p>
      {editable ? (
        asking ? (
          <div className="mt-2 space-y-2">
            <p className="font-medium">{t("question", { judgements, ratings, characteristic: characteristicName })}</p>
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                disabled={confirm.isPending}
                onClick={() => confirm.mutate({ assessmentId, characteristicKey })}
                data-testid="confirm-carried-over-yes"
              >
                {confirm.isPending ? t("confirming") : t("yes")}
              </Button>
              <Button size="sm" variant="ghost" disabled={confirm.isPending} onClick={() => setAsking(false)}>
                {t("cancel")}
              </Button>
            </div>
          </div>
        ) : (
          <div className="mt-2">
            <Button size="sm" variant="secondary" onClick={() => setAsking(true)} data-testid="confirm-carried-over">
              {t("confirmAll")}
            </Button>
            <p className="mt-1 text-xs">{t("hint")}</p>
          </div>
        )
      ) : null}
      {confirm.error ? <p className="mt-2 text-red-800">{confirm.error.message}</p> : null}
    </Alert>
  );
}
