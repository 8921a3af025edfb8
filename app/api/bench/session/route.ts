import { env } from "@/env";
import { getSessionUserId } from "@/server/session/auth-options";

/**
 * For bench/load.ts: the static body of /api/bench/static plus the session read every tRPC request
 * makes (next-auth's getServerSession). The difference to the static route is the cost of reading
 * the session. Off (404) unless BENCH_ROUTES=1.
 */
export const dynamic = "force-dynamic";

const MAX_BYTES = 1_000_000;

export async function GET(request: Request): Promise<Response> {
  if (!env.BENCH_ROUTES) return new Response("Not found", { status: 404 });
  const userId = await getSessionUserId();
  const requested = Number(new URL(request.url).searchParams.get("bytes") ?? 1024);
  const bytes = Number.isInteger(requested) && requested >= 0 ? Math.min(requested, MAX_BYTES) : 1024;
  const head = JSON.stringify({ signedIn: userId !== null, padding: "" });
  const body = JSON.stringify({ signedIn: userId !== null, padding: "x".repeat(Math.max(0, bytes - head.length)) });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
