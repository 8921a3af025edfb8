import { defineRouting } from "next-intl/routing";
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES } from "./locales";

/**
 * The locale is the first path segment of every page (`/en/cities/x`, `/zh/cities/x`), so each
 * language version of a public page is its own cacheable document with its own address (search
 * engines get `hreflang` alternates). A path without it is redirected by proxy.ts: to the locale
 * chosen before (cookie), else the browser's Accept-Language, else English.
 */
export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: DEFAULT_LOCALE,
  localePrefix: "always",
  localeCookie: { name: LOCALE_COOKIE, maxAge: 60 * 60 * 24 * 365, sameSite: "lax" },
  // Alternate links are written by the pages themselves (metadata `alternates.languages`).
  alternateLinks: false,
});
