import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { type Locale, MESSAGE_NAMESPACES } from "./locales";
import { routing } from "./routing";
import { appTimeZone } from "./time-zone";

async function loadMessages(locale: Locale) {
  const parts = await Promise.all(
    MESSAGE_NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(parts);
}

// The locale comes from the URL's first segment (app/[locale]); reading no cookie or header keeps
// public pages static.
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: appTimeZone() };
});
