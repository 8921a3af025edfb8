import { buildOpenApiDocument } from "@/server/public/openapi";

// Built from the zod schemas at build time; it changes only with the code.
export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApiDocument(), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
