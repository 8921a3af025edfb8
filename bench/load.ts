/**
 * Read throughput and latency against the stack's own limit (bench/README.md).
 *
 *   NEXT_DIST_DIR=.next-perf npx next build
 *   npx tsx bench/load.ts --pglite .data/scale --postgres postgres://postgres@127.0.0.1:5432/perf_scale
 *
 * For each database: starts `next start` on the generated data, signs in as an expert, and for
 * every endpoint runs the bare static route with a body of the same size, then the endpoint, each
 * with a warm-up and then a fixed duration at 32 connections. Prints req/s, the ratio to the static
 * route (target ≥ 0.5), p50/p95/p99 (target p95 ≤ 50 ms), the static route's own p50/p95, the
 * latency of the same request at one connection (no queue), and errors.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { databasesFromArgs, describeDatabase, readManifest, type ScaleManifest, startBenchServer } from "./lib/bench-server";
import { probe, signIn, trpcQueryPath } from "./lib/http-client";
import { type LoadResult, type LoadTarget, runLoad, table } from "./lib/load-run";

const { values: args } = parseArgs({
  options: {
    pglite: { type: "string", multiple: true },
    postgres: { type: "string", multiple: true },
    port: { type: "string", default: "3105" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "32" },
    only: { type: "string" },
    json: { type: "string" },
  },
});

const connections = Number(args.connections);
const durationSeconds = Number(args.duration);
const warmupSeconds = Number(args.warmup);

/** The reads users wait for; the first three carry the targets of the issue. */
function targetsOf(manifest: ScaleManifest, expertCookie: string): (LoadTarget & { target: boolean })[] {
  const hot = manifest.hotCity;
  const thread = hot.bigThread!;
  return [
    {
      name: "public assessment API (GET /api/v1/assessments/:id)",
      path: `/api/v1/assessments/${hot.latestPublishedAssessmentId}`,
      target: true,
    },
    { name: "city page query (tRPC public.city)", path: trpcQueryPath("public.city", { slug: hot.slug }), target: true },
    {
      name: "review queue, first page (tRPC review.queue, expert)",
      path: trpcQueryPath("review.queue", {}),
      headers: { cookie: expertCookie },
      target: true,
    },
    {
      name: `comment thread page, ${thread.comments} comments (tRPC comments.list)`,
      path: trpcQueryPath("comments.list", {
        assessmentId: thread.assessmentId,
        targetType: thread.targetType,
        targetKey: thread.targetKey,
        visibility: thread.visibility,
        limit: 20,
      }),
      target: false,
    },
    { name: "benchmark API (GET /api/v1/benchmark)", path: "/api/v1/benchmark", target: false },
    // Diagnostics: the static body plus only the session read each tRPC request makes.
    { name: "diagnostic: static + session read, anonymous", path: "/api/bench/session?bytes=14000", target: false },
    {
      name: "diagnostic: static + session read, expert cookie",
      path: "/api/bench/session?bytes=14000",
      headers: { cookie: expertCookie },
      target: false,
    },
  ].filter((t) => !args.only || args.only.split(",").some((part) => t.name.includes(part)));
}

type Row = { endpoint: string; bytes: number; static: LoadResult; result: LoadResult; alone: LoadResult; ratio: number; target: boolean };

async function benchDatabase(database: ReturnType<typeof databasesFromArgs>[number]) {
  const manifest = readManifest(database);
  console.log(
    `\n== ${describeDatabase(database)} · ${manifest.rows.total.toLocaleString("en-US")} rows · ${connections} connections · ${durationSeconds} s per run (+${warmupSeconds} s warm-up)`,
  );
  const server = await startBenchServer({ port: Number(args.port), database });
  const rows: Row[] = [];
  try {
    const cookie = await signIn(server.base, manifest.accounts.expert, manifest.password);
    for (const target of targetsOf(manifest, cookie)) {
      const first = await probe(server.base, target.path, target.headers);
      if (first.status !== 200) throw new Error(`${target.name}: HTTP ${first.status} ${first.body.slice(0, 300)}`);
      const staticTarget: LoadTarget = { name: `static ${first.bytes} B`, path: `/api/bench/static?bytes=${first.bytes}` };
      const staticProbe = await probe(server.base, staticTarget.path);
      if (staticProbe.status !== 200)
        throw new Error(`the static route answered ${staticProbe.status}: is BENCH_ROUTES=1 reaching the server?`);
      const staticResult = await runLoad(server.base, staticTarget, { connections, durationSeconds, warmupSeconds });
      const result = await runLoad(server.base, target, { connections, durationSeconds, warmupSeconds });
      // The same request with no queue in front of it: what one user waits when the server is idle.
      const alone = await runLoad(server.base, target, { connections: 1, durationSeconds: 3 });
      const row = {
        endpoint: target.name,
        bytes: first.bytes,
        static: staticResult,
        result,
        alone,
        ratio: result.rps / staticResult.rps,
        target: target.target,
      };
      rows.push(row);
      console.log(
        `  ${target.name}: ${Math.round(result.rps)} req/s (static ${Math.round(staticResult.rps)}) ratio ${row.ratio.toFixed(2)} · p50 ${result.p50.toFixed(0)} p95 ${result.p95.toFixed(0)} p99 ${result.p99.toFixed(0)} ms · errors ${result.errors + result.timeouts} non-2xx ${result.non2xx}`,
      );
    }
  } finally {
    await server.stop();
  }
  console.log(
    "\n" +
      table(
        [
          "endpoint",
          "bytes",
          "req/s",
          "static req/s",
          "ratio",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "static p50/p95",
          "1 conn p50/p95",
          "errors",
          "non-2xx",
        ],
        rows.map((r) => [
          r.endpoint,
          r.bytes,
          r.result.rps,
          r.static.rps,
          r.ratio,
          r.result.p50,
          r.result.p95,
          r.result.p99,
          `${r.static.p50.toFixed(0)}/${r.static.p95.toFixed(0)}`,
          `${r.alone.p50.toFixed(1)}/${r.alone.p95.toFixed(1)}`,
          r.result.errors + r.result.timeouts,
          r.result.non2xx,
        ]),
      ),
  );
  const misses = rows.filter((r) => r.target && (r.ratio < 0.5 || r.result.p95 > 50 || r.result.errors + r.result.non2xx > 0));
  console.log(
    misses.length ? `targets missed: ${misses.map((m) => m.endpoint).join("; ")}` : "all targets met (ratio ≥ 0.5, p95 ≤ 50 ms, no errors)",
  );
  return { database: describeDatabase(database), rowsInDatabase: manifest.rows.total, connections, durationSeconds, rows };
}

async function main() {
  const results = [];
  for (const database of databasesFromArgs(args.pglite, args.postgres)) results.push(await benchDatabase(database));
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
