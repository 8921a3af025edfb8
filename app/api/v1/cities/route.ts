import { getDb } from "@/db/app-db";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return serveOpenData(openDataRoutes.listCities, request, {}, getDb);
}
