import { getDb } from "@/db/app-db";
import { serveDataExport } from "@/server/privacy/export-http";
import { getSessionUserId } from "@/server/session/auth-options";

export const dynamic = "force-dynamic";

/** "Download my data": the signed-in person's own data only (JSON, or `?format=html`). */
export async function GET(request: Request) {
  return serveDataExport(request, { getDb, getUserId: getSessionUserId });
}
