import { getDb } from "@/db/app-db";
import { getSessionUserId } from "@/server/auth/auth-options";
import { clientKeyOf } from "@/server/public/open-data-http";
import type { Context } from "./init";

export async function createRequestContext(headers: Headers): Promise<Context> {
  const [db, userId] = await Promise.all([getDb(), getSessionUserId()]);
  return { db, userId, clientIp: clientKeyOf(headers) };
}
