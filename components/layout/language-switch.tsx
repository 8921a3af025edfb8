"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  function choose(next: Locale) {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser we support
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    startTransition(() => router.refresh());
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a segmented control of toggle buttons, not a form section; a fieldset would bring its own layout
    <div role="group" aria-label={t("label")} className="flex overflow-hidden rounded-md ring-1 ring-slate-300">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          disabled={pending}
          onClick={() => choose(l)}
          className={
            l === locale
              ? "bg-brand-600 px-2 py-1 text-xs font-semibold text-white"
              : "bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
          }
        >
          {t(l)}
        </button>
      ))}
    </div>
  );
}
