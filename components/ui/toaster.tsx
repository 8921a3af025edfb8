"use client";

import { useTranslations } from "next-intl";
import { Toaster as SonnerToaster } from "sonner";

/**
 * The page's one toast region (sonner): a labelled landmark whose toasts are announced politely by
 * screen readers; success messages after saves come through `toast.success(...)` from "sonner".
 * Sonner's styles arrive as an inline <style>, which the CSP allows (style-src 'unsafe-inline').
 */
export function Toaster() {
  const t = useTranslations("common.toast");
  return (
    <SonnerToaster
      position="bottom-right"
      closeButton
      containerAriaLabel={t("notifications")}
      toastOptions={{ closeButtonAriaLabel: t("close") }}
    />
  );
}
