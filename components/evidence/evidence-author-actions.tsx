"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import type { CharacteristicKey, EvidenceKind } from "@/shared/domain-values";
import { type CriterionOption, EvidenceForm, type QuestionOption } from "./evidence-form";
import type { EvidenceFileInfo } from "./evidence-payload-view";

type Props = {
  evidenceId: string;
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  kind: EvidenceKind;
  currentRevision: number;
  current: { title: string; criterionKeys: string[]; publicContent?: boolean; payload: Record<string, unknown> };
  file: EvidenceFileInfo | null;
  criteria: CriterionOption[];
  questions: QuestionOption[];
  answeringChangeRequest: boolean;
};

/** The author's edit (a new revision) and withdraw controls. */
export function EvidenceAuthorActions(props: Props) {
  const t = useTranslations("evidence.detail");
  const tToast = useTranslations("common.toast");
  const trpc = useTRPC();
  const router = useRouter();
  const [editing, setEditing] = useState(props.answeringChangeRequest);
  const [reason, setReason] = useState("");
  const queryClient = useQueryClient();
  const withdraw = useMutation(
    trpc.evidence.withdraw.mutationOptions({
      onSuccess: async () => {
        toast.success(tToast("evidenceWithdrawn"));
        await queryClient.invalidateQueries(trpc.evidence.pathFilter());
        router.refresh();
      },
    }),
  );
  return (
    <section id="revise" aria-labelledby="revise-title" className="space-y-4">
      <h2 id="revise-title">{props.answeringChangeRequest ? t("answerTitle") : t("editTitle")}</h2>
      <p className="text-sm text-slate-600">{t("revisionExplained")}</p>
      {editing ? (
        <EvidenceForm
          key={props.currentRevision}
          assessmentId={props.assessmentId}
          characteristicKey={props.characteristicKey}
          kind={props.kind}
          criteria={props.criteria}
          questions={props.questions}
          mode={{
            type: "revise",
            evidenceId: props.evidenceId,
            expectedRevision: props.currentRevision,
            initial: props.current,
            file: props.file,
          }}
          onDone={() => setEditing(false)}
        />
      ) : (
        <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
          {t("edit")}
        </Button>
      )}
      <div className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="font-semibold">{t("withdrawTitle")}</h3>
        <p className="text-sm text-slate-600">{t("withdrawExplained")}</p>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <TextField label={t("withdrawReason")} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
          <ConfirmDialog
            title={t("withdrawConfirm")}
            confirmLabel={t("withdraw")}
            onConfirm={() => withdraw.mutate({ evidenceId: props.evidenceId, reason: reason || undefined })}
            trigger={
              <Button type="button" variant="danger" disabled={withdraw.isPending}>
                {t("withdraw")}
              </Button>
            }
          />
        </div>
        {withdraw.error ? <Alert>{withdraw.error.message}</Alert> : null}
      </div>
    </section>
  );
}
