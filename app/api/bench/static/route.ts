/**
 * The stack's own limit, for bench/load.ts: a bare route handler answering a static JSON body of
 * `?bytes=` bytes (default 1024, at most 1 MB). The benchmarks divide each real endpoint's throughput
 * by this one's, measured on the same server in the same run. Off (404) unless BENCH_ROUTES=1.
 */
import { env } from "@/env";
export const dynamic = "force-dynamic";

const MAX_BYTES = 1_000_000;
const bodies = new Map<number, string>();

/** `{"padding":"xxx…"}` of exactly `bytes` bytes (the smallest body is the empty padding). */
function bodyOf(bytes: number): string {
  let body = bodies.get(bytes);
  if (!body) {
    const overhead = '{"padding":""}'.length;
    body = JSON.stringify({ padding: "x".repeat(Math.max(0, bytes - overhead)) });
    if (bodies.size < 64) bodies.set(bytes, body);
  }
  return body;
}

export function GET(request: Request): Response {
  if (!env.BENCH_ROUTES) return new Response("Not found", { status: 404 });
  const requested = Number(new URL(request.url).searchParams.get("bytes") ?? 1024);
  const bytes = Number.isInteger(requested) && requested >= 0 ? Math.min(requested, MAX_BYTES) : 1024;
  return new Response(bodyOf(bytes), { headers: { "content-type": "application/json" } });
}
