import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, type Locale, MESSAGE_NAMESPACES, pickLocale } from "./locales";
import { appTimeZone } from "./time-zone";

async function loadMessages(locale: Locale) {
  const parts = await Promise.all(
    MESSAGE_NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(parts);
}

// No locale in the URL: public pages keep one address per city, and the choice lives in a cookie.
export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale), timeZone: appTimeZone() };
});
