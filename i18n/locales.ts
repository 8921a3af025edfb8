export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "NEXT_LOCALE";

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
] as const;

export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (cookieValue === "zh" || cookieValue === "en") return cookieValue;
  return acceptLanguage?.toLowerCase().startsWith("zh") ? "zh" : DEFAULT_LOCALE;
}
