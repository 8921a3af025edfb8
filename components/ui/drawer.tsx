"use client";

import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import type { ReactElement, ReactNode } from "react";

/**
 * A panel that slides over the page from the side (Radix Dialog): focus moves into it and stays there,
 * Escape, the close button or a click outside closes it, and focus returns to the trigger.
 */
export function Drawer({
  open,
  onOpenChange,
  trigger,
  title,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** One element that accepts a ref (e.g. a button). */
  trigger: ReactElement;
  title: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("common.nav");
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 right-0 z-50 flex w-[min(20rem,calc(100vw-3rem))] flex-col overflow-y-auto bg-white shadow-xl focus:outline-none"
          data-testid="nav-drawer"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <Dialog.Title className="text-base font-semibold text-slate-900">{title}</Dialog.Title>
            <Dialog.Close className="grid h-9 w-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100">
              <span className="sr-only">{t("closeMenu")}</span>
              <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
                <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
              </svg>
            </Dialog.Close>
          </div>
          <div className="flex-1 px-2 py-3">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
