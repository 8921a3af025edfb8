import { getDb } from "@/db/app-db";
import { localeOfRequest } from "@/i18n/locales";
import { clientAddressOf } from "@/server/http/client-address";
import { readSessionToken } from "@/server/session/auth-options";
import type { Context } from "./init";

/**
 * Per request: the database, the session the cookie claims (token signature, encryption and expiry
 * verified, no database read), and the client address derived exactly as the REST API's limiter
 * derives it. Whether the session is still current (not signed out, blocked or revoked since) is
 * checked by the procedure: the builders fold it into their role read, `publicProcedure` and
 * `authedProcedure` make one primary-key read, the open data (`public.*`) reads none.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const [db, session] = await Promise.all([getDb(), readSessionToken()]);
  return {
    db,
    userId: session?.userId ?? null,
    sessionVersion: session?.sessionVersion,
    clientIp: clientAddressOf(headers),
    locale: localeOf(headers),
  };
}

/**
 * The reader's language: the locale of the page the call comes from (header set by the browser's
 * tRPC client and by the server caller), else the locale cookie, then Accept-Language.
 */
export function localeOf(headers: Headers) {
  return localeOfRequest(headers);
}
