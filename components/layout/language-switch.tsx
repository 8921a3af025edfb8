"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { LOCALES, type Locale } from "@/i18n/locales";
import { usePathname, useRouter } from "@/i18n/navigation";

/**
 * Switches to the same page in the other language (its own URL); the choice is remembered in a cookie
 * by the proxy and, for a signed-in person, becomes their mail language (best effort: a failure
 * leaves the stored one, and the next sign-in records it again).
 */
export function LanguageSwitch({ signedIn = false }: { signedIn?: boolean }) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const trpc = useTRPC();
  const remember = useMutation(trpc.mail.rememberLocale.mutationOptions());
  function choose(next: Locale) {
    if (signedIn && next !== locale) remember.mutate({ locale: next });
    const query = typeof window === "undefined" ? "" : window.location.search;
    startTransition(() => {
      router.replace(`${pathname}${query}`, { locale: next });
    });
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
              : "bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-100"
          }
        >
          {t(l)}
        </button>
      ))}
    </div>
  );
}
