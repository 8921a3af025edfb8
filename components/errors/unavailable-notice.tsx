"use client";

import { NextIntlClientProvider, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import enUnavailable from "@/messages/en/unavailable.json";
import zhUnavailable from "@/messages/zh/unavailable.json";

const MESSAGES = { en: enUnavailable, zh: zhUnavailable } as const;
export type NoticeLocale = keyof typeof MESSAGES;

/**
 * What the error boundaries show: a friendly "temporarily unavailable, try again", never the error's
 * text (it can hold SQL or internals; the server log has it under the same digest). It brings its
 * own messages because it must render when the layout (and its message provider) failed, and for
 * anonymous visitors, whose pages ship only some namespaces.
 */
export function UnavailableNotice({ locale, digest, onRetry }: { locale: NoticeLocale; digest?: string; onRetry: () => void }) {
  return (
    <NextIntlClientProvider locale={locale} messages={{ unavailable: MESSAGES[locale] }} timeZone="UTC">
      <NoticeBody digest={digest} onRetry={onRetry} />
    </NextIntlClientProvider>
  );
}

function NoticeBody({ digest, onRetry }: { digest?: string; onRetry: () => void }) {
  const t = useTranslations("unavailable");
  return (
    <div role="alert" className="mx-auto max-w-lg space-y-4 rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="text-sm">{t("body")}</p>
      <Button onClick={onRetry}>{t("retry")}</Button>
      {digest ? <p className="text-xs text-amber-800">{t("reference", { digest })}</p> : null}
    </div>
  );
}
