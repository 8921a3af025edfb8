"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC, useTRPCClient } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import type { TransitionOption } from "@/server/workflow/assessment-lifecycle";
import { approveSchema, returnTransitionSchema } from "@/server/workflow/workflow-schemas";
import type { AssessmentStatus, TransitionName } from "@/shared/domain-values";
import { BlockedReasons } from "./blocked-reasons";

type Props = {
  assessmentId: string;
  status: AssessmentStatus;
  options: TransitionOption[];
  characteristicNames: Record<string, string>;
};

type TransitionVariables = { transition: TransitionName; reason?: string; comment?: string };
type TrpcClient = ReturnType<typeof useTRPCClient>;

function callTransition(client: TrpcClient, assessmentId: string, expectedStatus: AssessmentStatus, v: TransitionVariables) {
  const base = { assessmentId, expectedStatus };
  switch (v.transition) {
    case "submit_for_review":
      return client.workflow.submitForReview.mutate(base);
    case "mark_rated":
      return client.workflow.markRated.mutate(base);
    case "return_to_draft":
      return client.workflow.returnToDraft.mutate({ ...base, reason: v.reason ?? "" });
    case "approve":
      return client.workflow.approve.mutate({ ...base, comment: v.comment });
    case "withdraw_approval":
      return client.workflow.withdrawApproval.mutate({ ...base, reason: v.reason ?? "" });
    case "publish":
      return client.workflow.publish.mutate(base);
    case "unpublish":
      return client.workflow.unpublish.mutate({ ...base, reason: v.reason ?? "" });
  }
}

/** Steps that freeze work: confirmed in a dialog that says what stops being editable. */
const CONFIRMED_IN_DIALOG: Partial<
  Record<TransitionName, { title: "confirmSubmitTitle" | "confirmMarkRatedTitle"; text: "confirmSubmitText" | "confirmMarkRatedText" }>
> = {
  submit_for_review: { title: "confirmSubmitTitle", text: "confirmSubmitText" },
  mark_rated: { title: "confirmMarkRatedTitle", text: "confirmMarkRatedText" },
};

/**
 * The lifecycle buttons open to the viewer. Steps back ask for a reason, an approval takes an
 * optional comment, publication asks for confirmation in place, submitting for review and marking
 * as rated in a dialog (they freeze work). Each request carries the status the page
 * showed, so a double press or a stale page gets a clear conflict instead of a second transition.
 */
export function WorkflowActions({ assessmentId, status, options, characteristicNames }: Props) {
  const t = useTranslations("workflow");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState<TransitionName | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: TransitionVariables) => callTransition(client, assessmentId, status, v),
    onSuccess: async (result) => {
      setOpen(null);
      const message = result.statusChanged
        ? t("form.done", { status: t(`status.${result.assessment.status}`) })
        : t("form.approvalRecorded", { count: result.approvals?.count ?? 0, required: result.approvals?.required ?? 1 });
      setNotice(message);
      toast.success(message);
      await Promise.all([
        queryClient.invalidateQueries(trpc.workflow.pathFilter()),
        queryClient.invalidateQueries(trpc.audit.pathFilter()),
        queryClient.invalidateQueries(trpc.notifications.pathFilter()),
      ]);
      router.refresh();
    },
  });

  if (options.length === 0) return null;
  return (
    <div className="space-y-3">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <ul className="space-y-3">
        {options.map((option) => (
          <TransitionRow
            key={option.transition}
            option={option}
            characteristicNames={characteristicNames}
            expanded={open === option.transition}
            pending={mutation.isPending && mutation.variables?.transition === option.transition}
            onOpen={() => {
              setNotice(null);
              mutation.reset();
              setOpen(option.transition);
            }}
            onCancel={() => setOpen(null)}
            onSubmit={(v) => mutation.mutateAsync(v)}
            error={mutation.variables?.transition === option.transition ? mutation.error : null}
          />
        ))}
      </ul>
    </div>
  );
}

type RowProps = {
  option: TransitionOption;
  characteristicNames: Record<string, string>;
  expanded: boolean;
  pending: boolean;
  onOpen: () => void;
  onCancel: () => void;
  onSubmit: (v: TransitionVariables) => Promise<unknown>;
  error: unknown;
};

function TransitionRow({ option, characteristicNames, expanded, pending, onOpen, onCancel, onSubmit, error }: RowProps) {
  const t = useTranslations("workflow");
  const helpId = useId();
  const blockedId = useId();
  const blocked = option.blockedBy.length > 0;
  const needsForm = option.requiresReason || option.transition === "approve" || option.transition === "publish";
  const danger = option.transition === "return_to_draft" || option.transition === "withdraw_approval" || option.transition === "unpublish";
  const confirm = CONFIRMED_IN_DIALOG[option.transition];
  const submitNow = () => void onSubmit({ transition: option.transition }).catch(() => {});
  const button = (
    <Button
      type="button"
      variant={danger ? "secondary" : "primary"}
      disabled={blocked || pending}
      aria-describedby={[helpId, blocked ? blockedId : null].filter(Boolean).join(" ")}
      aria-expanded={needsForm ? expanded : undefined}
      data-testid={`transition-${option.transition}`}
      onClick={confirm ? undefined : () => (needsForm ? onOpen() : submitNow())}
    >
      {pending && !needsForm ? t("form.working") : t(`transitions.${option.transition}`)}
    </Button>
  );
  return (
    <li className="rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-3">
        {confirm ? (
          <ConfirmDialog
            trigger={button}
            title={t(`form.${confirm.title}`)}
            description={t(`form.${confirm.text}`)}
            confirmLabel={t(`transitions.${option.transition}`)}
            tone="primary"
            onConfirm={submitNow}
          />
        ) : (
          button
        )}
        <p id={helpId} className="min-w-0 flex-1 text-sm text-slate-600">
          {t(`transitionHelp.${option.transition}`)}
        </p>
      </div>
      {blocked ? (
        <div className="mt-2">
          <p className="text-sm font-medium text-amber-900">{t("waiting.blockedIntro")}</p>
          <BlockedReasons id={blockedId} problems={option.blockedBy} characteristicNames={characteristicNames} />
        </div>
      ) : null}
      {!needsForm && error ? (
        <div className="mt-2">
          <Alert>{(error as Error).message}</Alert>
        </div>
      ) : null}
      {expanded ? (
        option.requiresReason ? (
          <ReasonForm transition={option.transition} pending={pending} onCancel={onCancel} onSubmit={onSubmit} />
        ) : option.transition === "approve" ? (
          <ApproveForm pending={pending} onCancel={onCancel} onSubmit={onSubmit} />
        ) : (
          <ConfirmForm transition={option.transition} pending={pending} onCancel={onCancel} onSubmit={onSubmit} error={error} />
        )
      ) : null}
    </li>
  );
}

type FormProps = { pending: boolean; onCancel: () => void; onSubmit: (v: TransitionVariables) => Promise<unknown> };

const reasonFormSchema = returnTransitionSchema.pick({ reason: true });

function ReasonForm({ transition, pending, onCancel, onSubmit }: FormProps & { transition: TransitionName }) {
  const t = useTranslations("workflow");
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof reasonFormSchema>>({ resolver: zodResolver(reasonFormSchema), defaultValues: { reason: "" } });
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit({ transition, reason: values.reason });
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["reason"]));
    }
  });
  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-3" aria-label={t(`transitions.${transition}`)}>
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField
        label={t("form.reason")}
        hint={t("form.reasonHint")}
        autoFocus
        error={form.formState.errors.reason?.message}
        {...form.register("reason")}
      />
      <FormButtons pending={pending} onCancel={onCancel} />
    </form>
  );
}

const approveFormSchema = approveSchema.pick({ comment: true });

function ApproveForm({ pending, onCancel, onSubmit }: FormProps) {
  const t = useTranslations("workflow");
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof approveFormSchema>>({ resolver: zodResolver(approveFormSchema), defaultValues: { comment: "" } });
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit({ transition: "approve", comment: values.comment || undefined });
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["comment"]));
    }
  });
  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-3" aria-label={t("transitions.approve")}>
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField
        label={t("form.comment")}
        hint={t("form.commentHint")}
        autoFocus
        error={form.formState.errors.comment?.message}
        {...form.register("comment")}
      />
      <FormButtons pending={pending} onCancel={onCancel} />
    </form>
  );
}

function ConfirmForm({ transition, pending, onCancel, onSubmit, error }: FormProps & { transition: TransitionName; error: unknown }) {
  const t = useTranslations("workflow");
  return (
    <form
      className="mt-3 space-y-3"
      aria-label={t(`transitions.${transition}`)}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit({ transition }).catch(() => {});
      }}
    >
      {error ? <Alert>{(error as Error).message}</Alert> : null}
      <p className="text-sm text-slate-700">{t("form.confirmPublish")}</p>
      <FormButtons pending={pending} onCancel={onCancel} />
    </form>
  );
}

function FormButtons({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const t = useTranslations("workflow.form");
  return (
    <div className="flex gap-2">
      <Button type="submit" disabled={pending} data-testid="transition-confirm">
        {pending ? t("working") : t("confirm")}
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
        {t("cancel")}
      </Button>
    </div>
  );
}
