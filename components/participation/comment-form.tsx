"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
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
import { commentFormSchema } from "@/server/comments/comment-schemas";
import type { ThreadComment } from "@/server/comments/comment-threads";
import type { CommentTargetType, ThreadVisibility } from "@/shared/domain-values";

/** Which thread a new comment goes to (see CommentThreadProps). */
export type ThreadRefProps = { assessmentId: string; targetType: CommentTargetType; targetKey: string; visibility?: ThreadVisibility };

/** A new comment or a reply (with `parentId`). */
export function CommentForm({
  threadRef,
  parentId,
  label,
  submitLabel,
  onDone,
  onCancel,
  autoFocus,
}: {
  threadRef: ThreadRefProps;
  parentId?: string;
  label: string;
  submitLabel: string;
  onDone: () => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const t = useTranslations("participation.thread");
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const tToast = useTranslations("common.toast");
  const post = useMutation(trpc.comments.post.mutationOptions());
  const form = useForm<z.input<typeof commentFormSchema>>({ resolver: zodResolver(commentFormSchema), defaultValues: { body: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await post.mutateAsync({ ...threadRef, parentId: parentId ?? null, body: values.body });
      form.reset({ body: "" });
      toast.success(tToast("commentPosted"));
      onDone();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["body"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField
        label={label}
        hint={t("plainTextHint")}
        autoFocus={autoFocus}
        error={form.formState.errors.body?.message}
        {...form.register("body")}
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("posting") : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** Editing one's own comment in place. */
export function EditForm({ comment, onDone, onCancel }: { comment: ThreadComment; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations("participation.thread");
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const tToast = useTranslations("common.toast");
  const edit = useMutation(trpc.comments.edit.mutationOptions());
  const form = useForm<z.input<typeof commentFormSchema>>({
    resolver: zodResolver(commentFormSchema),
    defaultValues: { body: comment.body ?? "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await edit.mutateAsync({ commentId: comment.id, body: values.body });
      toast.success(tToast("commentEdited"));
      onDone();
    } catch (error) {
      setFormError(applyServerFieldErrors(error, form.setError, ["body"]));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 space-y-2">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextAreaField label={t("editLabel")} autoFocus error={form.formState.errors.body?.message} {...form.register("body")} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
          {t("saveEdit")}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
