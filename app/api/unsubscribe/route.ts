import { getDb } from "@/db/app-db";
import { handleUnsubscribe } from "@/server/mail/unsubscribe";
import { resolveAuthSecret } from "@/server/session/auth-secret";

export const dynamic = "force-dynamic";

/** One-click unsubscribe (RFC 8058) and the unsubscribe page's button; see server/mail/unsubscribe.ts. */
export async function POST(request: Request) {
  return handleUnsubscribe(getDb, resolveAuthSecret(), request);
}

export async function GET(request: Request) {
  return handleUnsubscribe(getDb, resolveAuthSecret(), request);
}
