import { getDb } from "@/db/app-db";
import { getSessionUserId } from "@/server/auth/auth-options";
import { clientAddressOf } from "@/server/public/client-address";
import type { Context } from "./init";

/**
 * Per request: the database, the signed-in user (token verified and its session version checked:
 * one primary-key read, only when a session cookie is present), and the client address derived
 * exactly as the REST API's limiter derives it.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const [db, userId] = await Promise.all([getDb(), getSessionUserId()]);
  return { db, userId, clientIp: clientAddressOf(headers) };
}
