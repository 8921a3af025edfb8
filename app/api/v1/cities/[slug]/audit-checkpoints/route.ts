import { getDb } from "@/db/app-db";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return serveOpenData(openDataRoutes.getCityAuditCheckpoints, request, await params, getDb);
}
