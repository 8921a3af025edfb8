import { getDb } from "@/db/app-db";
import { LOCALE_COOKIE, pickLocale } from "@/i18n/locales";
import { clientAddressOf } from "@/server/http/client-address";
import { getSessionUserId } from "@/server/session/auth-options";
import type { Context } from "./init";

/**
 * Per request: the database, the signed-in user (token verified and its session version checked:
 * one primary-key read, only when a session cookie is present), and the client address derived
 * exactly as the REST API's limiter derives it.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const [db, userId] = await Promise.all([getDb(), getSessionUserId()]);
  return { db, userId, clientIp: clientAddressOf(headers), locale: localeOf(headers) };
}

/** The reader's language, chosen as i18n/request.ts chooses it: the locale cookie, then Accept-Language. */
export function localeOf(headers: Headers) {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return pickLocale(cookie, headers.get("accept-language"));
}
