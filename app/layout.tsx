import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTimeZone, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { AppProviders } from "@/components/providers/trpc-provider";
import { env } from "@/env";
import { getViewer } from "@/server/session/viewer";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
    metadataBase: new URL(env.NEXTAUTH_URL ?? "http://localhost:3000"),
  };
}

/**
 * Zod 4 probes `new Function("")` when its first object schema is built, to decide whether to compile
 * fast parsers. The CSP forbids eval, so the probe is reported as a violation even though zod catches
 * it. Switching zod to jitless in the browser before any module loads skips the probe; zod reads this
 * global config object. The script carries the request's CSP nonce (set by proxy.ts).
 */
const ZOD_JITLESS_SCRIPT = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});";

const ANONYMOUS_CLIENT_NAMESPACES = ["common", "auth", "public", "participation", "validation"] as const;

function pickNamespaces(messages: Awaited<ReturnType<typeof getMessages>>, namespaces: readonly string[]) {
  return Object.fromEntries(Object.entries(messages).filter(([ns]) => namespaces.includes(ns)));
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page depends on the viewer and the database: render at request time, never at build.
  await connection();
  const [locale, viewer, t, messages, timeZone, requestHeaders] = await Promise.all([
    getLocale(),
    getViewer(),
    getTranslations("common"),
    getMessages(),
    getTimeZone(),
    headers(),
  ]);
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  // Anonymous visitors can only reach public, sign-in and consultation pages: ship them only the
  // message namespaces those pages' client components use (about half the bytes of all of them).
  const clientMessages = viewer ? messages : pickNamespaces(messages, ANONYMOUS_CLIENT_NAMESPACES);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, not user input, and it carries the CSP nonce */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS_SCRIPT }} />
      </head>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        {/* The time zone explicitly, so client components format dates exactly as the server did. */}
        <NextIntlClientProvider messages={clientMessages} timeZone={timeZone}>
          <AppProviders>
            <SiteHeader viewer={viewer} />
            <main id="main" className="mx-auto max-w-7xl px-4 py-8">
              {children}
            </main>
            <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">{t("footer")}</footer>
          </AppProviders>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
