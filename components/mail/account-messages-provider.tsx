import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTimeZone } from "next-intl/server";
import type { ReactNode } from "react";

/** The public layout ships only a few namespaces to the browser; the account forms also need "mail". */
export async function AccountMessagesProvider({ children }: { children: ReactNode }) {
  const [messages, timeZone] = await Promise.all([getMessages(), getTimeZone()]);
  const picked = Object.fromEntries(Object.entries(messages).filter(([ns]) => ["common", "auth", "validation", "mail"].includes(ns)));
  return (
    <NextIntlClientProvider messages={picked} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
