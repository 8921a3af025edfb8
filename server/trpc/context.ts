import { getDb } from "@/db/app-db";
import { getSessionUserId } from "@/server/auth/auth-options";
import type { Context } from "./init";

export function clientIpFrom(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}

export async function createRequestContext(headers: Headers): Promise<Context> {
  const [db, userId] = await Promise.all([getDb(), getSessionUserId()]);
  return { db, userId, clientIp: clientIpFrom(headers) };
}
