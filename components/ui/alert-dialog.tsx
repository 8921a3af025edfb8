"use client";

import { useTranslations } from "next-intl";
import { AlertDialog } from "radix-ui";
import type { ReactElement, ReactNode } from "react";
import { Button } from "./button";

type ConfirmDialogProps = {
  /** The control that opens the dialog: one element that accepts a ref and onClick (e.g. a Button). */
  trigger: ReactElement;
  /** The question, e.g. "Delete this comment?"; announced as the dialog's name. */
  title: ReactNode;
  description?: ReactNode;
  /** The action's label, e.g. "Delete". */
  confirmLabel: ReactNode;
  /** Defaults to the translated "Cancel". */
  cancelLabel?: ReactNode;
  tone?: "danger" | "primary";
  onConfirm: () => void;
};

/**
 * A confirmation before a destructive or final action (Radix AlertDialog): translated, focus moves
 * into the dialog (to Cancel) and is trapped there, Escape or Cancel closes it and focus returns to
 * the trigger. Replaces `window.confirm`, which cannot be translated or styled.
 */
export function ConfirmDialog({ trigger, title, description, confirmLabel, cancelLabel, tone = "danger", onConfirm }: ConfirmDialogProps) {
  const t = useTranslations("common");
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-lg focus:outline-none"
          data-testid="confirm-dialog"
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <AlertDialog.Title className="text-base font-semibold text-slate-900">{title}</AlertDialog.Title>
          {description ? <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description> : null}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button type="button" variant="secondary">
                {cancelLabel ?? t("cancel")}
              </Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button type="button" variant={tone} onClick={onConfirm} data-testid="confirm-dialog-action">
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
