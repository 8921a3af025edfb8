"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { Link, useRouter } from "@/i18n/navigation";
import { REVIEW_DECISIONS, reviewDecisionSchema } from "@/server/review/review-schemas";

type NextItem = { href: string; title: string; city: string } | null;

type Props = {
  evidenceId: string;
  revision: number;
  /** The next item in the queue's order, offered once this one is decided. */
  nextItem: NextItem;
  /** Why there is nothing to decide (already decided, withdrawn), or null when the expert may decide. */
  notReviewable: string | null;
};

/**
 * Accept, reject or request changes on the revision the expert is reading; then straight on to the
 * next item of the queue. Stays mounted when the page refreshes after the decision, so the "next
 * item" link keeps the focus.
 */
export function ReviewDecisionForm({ evidenceId, revision, nextItem, notReviewable }: Props) {
  const t = useTranslations("review.decision");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const decide = useMutation(trpc.review.decide.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<z.input<typeof reviewDecisionSchema>, unknown, z.output<typeof reviewDecisionSchema>>({
    resolver: zodResolver(reviewDecisionSchema),
    defaultValues: { revision, decision: undefined, note: "" },
  });
  const decision = form.watch("decision");
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await decide.mutateAsync({ evidenceId, ...values });
      setDone(values.decision);
      toast.success(t(`done.${values.decision as "accepted"}`));
      await queryClient.invalidateQueries(trpc.review.queue.pathFilter());
      router.refresh();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["decision", "note"]));
    }
  });
  if (done || notReviewable) {
    return (
      <div className="space-y-3" data-testid="decision-done">
        {done ? <Alert tone="success">{t(`done.${done as "accepted"}`)}</Alert> : <Alert tone="info">{notReviewable}</Alert>}
        {nextItem ? (
          <Button asChild>
            <Link href={nextItem.href} ref={done ? focusOnMount : undefined} data-testid="next-queued">
              {t("nextItem", { title: nextItem.title, city: nextItem.city })} <span aria-hidden>→</span>
            </Link>
          </Button>
        ) : (
          <p className="text-sm text-slate-600">{t("queueEmpty")}</p>
        )}
        <p className="text-sm">
          <Link href="/review" className="underline">
            {t("backToQueue")}
          </Link>
        </p>
      </div>
    );
  }
  const noteRequired = decision === "rejected" || decision === "changes_requested";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("title")}>
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset aria-describedby={form.formState.errors.decision ? "decision-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("decisionLabel")}</legend>
        <div className="mt-2 space-y-2">
          {REVIEW_DECISIONS.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" value={value} {...form.register("decision")} />
              {t(`options.${value}`)}
            </label>
          ))}
        </div>
        {form.formState.errors.decision ? (
          <p id="decision-error" role="alert" className="mt-1 text-sm text-red-700">
            {form.formState.errors.decision.message}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        label={noteRequired ? t("noteRequired") : t("noteOptional")}
        hint={t("noteHint")}
        error={form.formState.errors.note?.message}
        {...form.register("note")}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("submit")}
      </Button>
    </form>
  );
}

/** After a decision the "next item" link takes the focus, so Enter moves on. */
function focusOnMount(element: HTMLAnchorElement | null) {
  element?.focus();
}
