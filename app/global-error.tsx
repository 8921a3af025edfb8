"use client";

import { useEffect, useState } from "react";
import { type NoticeLocale, UnavailableNotice } from "@/components/errors/unavailable-notice";
import "./globals.css";

function browserLocale(): NoticeLocale {
  const cookie = document.cookie.match(/(?:^|;\s*)NEXT_LOCALE=(\w+)/)?.[1];
  if (cookie === "zh" || cookie === "en") return cookie;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * Replaces the root layout when the layout itself failed (it reads the viewer from the database, so
 * a database outage ends here): the same notice, with the locale read in the browser.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const [locale, setLocale] = useState<NoticeLocale>("en");
  useEffect(() => setLocale(browserLocale()), []);
  return (
    <html lang={locale}>
      <body className="bg-slate-50 p-6">
        <UnavailableNotice locale={locale} digest={error.digest} onRetry={() => window.location.reload()} />
      </body>
    </html>
  );
}
