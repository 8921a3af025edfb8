import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { AppProviders } from "@/components/providers/trpc-provider";
import { getViewer } from "@/server/auth/viewer";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
    metadataBase: new URL(process.env.NEXTAUTH_URL ?? "http://localhost:3000"),
  };
}

const ANONYMOUS_CLIENT_NAMESPACES = ["common", "auth", "public", "participation"] as const;

function pickNamespaces(messages: Awaited<ReturnType<typeof getMessages>>, namespaces: readonly string[]) {
  return Object.fromEntries(Object.entries(messages).filter(([ns]) => namespaces.includes(ns)));
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page depends on the viewer and the database: render at request time, never at build.
  await connection();
  const [locale, viewer, t, messages] = await Promise.all([getLocale(), getViewer(), getTranslations("common"), getMessages()]);
  // Anonymous visitors can only reach public, sign-in and consultation pages: ship them only the
  // message namespaces those pages' client components use (about half the bytes of all of them).
  const clientMessages = viewer ? messages : pickNamespaces(messages, ANONYMOUS_CLIENT_NAMESPACES);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">{t("skipToContent")}</a>
        <NextIntlClientProvider messages={clientMessages}>
          <AppProviders>
            <SiteHeader viewer={viewer} />
            <main id="main" className="mx-auto max-w-7xl px-4 py-8">{children}</main>
            <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">{t("footer")}</footer>
          </AppProviders>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
