import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTimeZone, getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { AppProviders } from "@/components/providers/trpc-provider";
import { Toaster } from "@/components/ui/toaster";
import { env } from "@/env";
import { Link } from "@/i18n/navigation";
import { routing } from "@/i18n/routing";
import "../globals.css";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * Nothing is prerendered at build time (a build has no database); an empty list still makes every
 * page that reads nothing per request static: rendered on its first request, then served from
 * Next's cache until a tag it carries is invalidated.
 */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "common" });
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
    metadataBase: new URL(env.NEXTAUTH_URL ?? "http://localhost:3000"),
  };
}

/** What the public pages' client components (and the header) use; work pages add the rest. */
const PUBLIC_CLIENT_NAMESPACES = ["common", "auth", "public", "participation", "validation", "notifications", "search"] as const;

/**
 * The root layout depends on the locale only (no session, no request headers), so public pages
 * under it can be prerendered and served from Next's cache; the signed-in part of the header is a
 * client island (components/layout/site-header.tsx).
 */
export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, tPrivacy, messages, timeZone] = await Promise.all([
    getTranslations("common"),
    getTranslations("privacy.page"),
    getMessages(),
    getTimeZone(),
  ]);
  const clientMessages = Object.fromEntries(
    Object.entries(messages).filter(([ns]) => (PUBLIC_CLIENT_NAMESPACES as readonly string[]).includes(ns)),
  );
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen">
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        {/* The time zone explicitly, so client components format dates exactly as the server did. */}
        <NextIntlClientProvider messages={clientMessages} timeZone={timeZone}>
          <AppProviders>
            <SiteHeader />
            <main id="main" className="mx-auto max-w-7xl px-4 py-8">
              {children}
            </main>
            <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">
              {t("footer")} ·{" "}
              <Link href="/privacy" className="underline">
                {tPrivacy("title")}
              </Link>
            </footer>
            <Toaster />
          </AppProviders>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
