export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** Sent by the browser's tRPC client: the locale of the page the call comes from. */
export const LOCALE_HEADER = "x-locale";

/**
 * Message files are split by domain (messages/<locale>/<namespace>.json) so each slice owns its
 * own file; every namespace is listed here.
 */
export const MESSAGE_NAMESPACES = [
  "common",
  "auth",
  "dashboard",
  "admin",
  "public",
  "workflow",
  "audit",
  "notifications",
  "participation",
  "evidence",
  "review",
  "validation",
  "goodPractice",
  "report",
  "planning",
  "kpis-public",
  "kpis",
  "mail",
  "search",
  "privacy",
  "sso",
] as const;

export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null, pageLocale?: string | null): Locale {
  if (pageLocale === "zh" || pageLocale === "en") return pageLocale;
  if (cookieValue === "zh" || cookieValue === "en") return cookieValue;
  return acceptLanguage?.toLowerCase().startsWith("zh") ? "zh" : DEFAULT_LOCALE;
}

/**
 * The language of the person behind a request: the page's locale header when the browser's tRPC
 * client sends one, else the locale cookie (the last language they chose), then Accept-Language.
 */
export function localeOfRequest(headers: Headers): Locale {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return pickLocale(cookie, headers.get("accept-language"), headers.get(LOCALE_HEADER));
}

/**
 * A same-site path without its locale segment ("/en/review?x" → "/review?x"), for paths that are
 * handed to locale-aware navigation, which adds the current locale itself.
 */
export function withoutLocalePrefix(path: string): string {
  const match = /^\/(en|zh)(?=\/|\?|#|$)/.exec(path);
  if (!match) return path;
  const rest = path.slice(match[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/** A route's locale segment as a Locale (the layout has already refused any other value). */
export function asLocale(value: string): Locale {
  return value === "zh" ? "zh" : "en";
}
