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
    /** Also the public HTML pages under /en/ (the lead measures their ratios; entries kept ready here). */
    pages: { type: "boolean", default: false },
    /** Leave out the 1-connection latency run. */
    "no-alone": { type: "boolean", default: false },
  },
});

const connections = Number(args.connections);
const durationSeconds = Number(args.duration);
const warmupSeconds = Number(args.warmup);

/** Ratio targets of issue #13: public REST ≥ 0.7, authenticated reads ≥ 0.5, public pages ≥ 0.5. */
type Kind = "public-rest" | "public-trpc" | "authenticated" | "page" | "diagnostic";
const RATIO_TARGET: Record<Kind, number | null> = {
  "public-rest": 0.7,
  "public-trpc": null,
  authenticated: 0.5,
  page: 0.5,
  diagnostic: null,
};

type Target = LoadTarget & { target: boolean; kind: Kind; key: string };

/** The reads users wait for, each with a short key for the RESULT line. */
function targetsOf(manifest: ScaleManifest, expertCookie: string, leadershipCookie: string | null): Target[] {
  const hot = manifest.hotCity;
  const thread = hot.bigThread!;
  const list: Omit<Target, "target">[] = [
    {
      key: "rest_assessment",
      kind: "public-rest",
      name: "public assessment API (GET /api/v1/assessments/:id)",
      path: `/api/v1/assessments/${hot.latestPublishedAssessmentId}`,
    },
    { key: "rest_benchmark", kind: "public-rest", name: "benchmark API (GET /api/v1/benchmark)", path: "/api/v1/benchmark" },
    { key: "rest_city", kind: "public-rest", name: "city API (GET /api/v1/cities/:slug)", path: `/api/v1/cities/${hot.slug}` },
    { key: "rest_cities", kind: "public-rest", name: "cities list API (GET /api/v1/cities)", path: "/api/v1/cities" },
    {
      key: "trpc_city",
      kind: "public-trpc",
      name: "city page query (tRPC public.city)",
      path: trpcQueryPath("public.city", { slug: hot.slug }),
    },
    {
      key: "review_queue",
      kind: "authenticated",
      name: "review queue, first page (tRPC review.queue, expert)",
      path: trpcQueryPath("review.queue", {}),
      headers: { cookie: expertCookie },
    },
    {
      key: "comment_thread",
      kind: "authenticated",
      name: `comment thread page, ${thread.comments} comments (tRPC comments.list, signed in)`,
      path: trpcQueryPath("comments.list", {
        assessmentId: thread.assessmentId,
        targetType: thread.targetType,
        targetKey: thread.targetKey,
        visibility: thread.visibility,
        limit: 20,
      }),
      headers: { cookie: expertCookie },
    },
    ...(leadershipCookie
      ? [
          {
            key: "leadership_dashboard",
            kind: "authenticated" as const,
            name: "leadership dashboard (tRPC workflow.leadershipDashboard)",
            path: trpcQueryPath("workflow.leadershipDashboard", { cityId: hot.id }),
            headers: { cookie: leadershipCookie },
          },
        ]
      : []),
    ...(args.pages
      ? (
          [
            ["page_city", `/en/cities/${hot.slug}`],
            ["page_benchmark", "/en/benchmark"],
            [
              "page_compare",
              `/en/compare?${manifest.citySlugs
                .slice(0, 3)
                .map((slug) => `city=${slug}`)
                .join("&")}`,
            ],
            ["page_cities", "/en/cities"],
            ["page_home", "/en"],
          ] as const
        ).map(([key, path]) => ({ key, kind: "page" as const, name: `page ${path}`, path }))
      : []),
    // Diagnostics: the static body plus only the session read each tRPC request makes.
    {
      key: "diag_session_anonymous",
      kind: "diagnostic",
      name: "diagnostic: static + session read, anonymous",
      path: "/api/bench/session?bytes=14000",
    },
    {
      key: "diag_session_expert",
      kind: "diagnostic",
      name: "diagnostic: static + session read, expert cookie",
      path: "/api/bench/session?bytes=14000",
      headers: { cookie: expertCookie },
    },
  ];
  return list
    .map((t) => ({ ...t, target: RATIO_TARGET[t.kind] !== null }))
    .filter((t) => !args.only || args.only.split(",").some((part) => t.name.includes(part) || t.key === part));
}

/** The leadership member of the hot city, if the dataset names one (demo: leadership.barcelona@demo.city). */
function leadershipEmailOf(manifest: ScaleManifest): string | null {
  const withLeadership = manifest as ScaleManifest & { hotCity: { leadershipEmails?: string[] } };
  if (withLeadership.hotCity.leadershipEmails?.[0]) return withLeadership.hotCity.leadershipEmails[0];
  const department = manifest.hotCity.departmentEmails[0] ?? "";
  if (department.endsWith("@demo.city")) return department.replace(/^department\./, "leadership.");
  const match = /^department-(.+)-\d+@scale\.test$/.exec(department);
  return match ? `leadership-${match[1]}-1@scale.test` : null;
}

/** 1-minute load average (the machine is shared: every figure carries it). */
function loadAverage(): string {
  try {
    return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join("/");
  } catch {
    return "?";
  }
}

type Row = {
  key: string;
  kind: Kind;
  endpoint: string;
  bytes: number;
  static: LoadResult;
  result: LoadResult;
  alone: LoadResult | null;
  ratio: number;
  target: boolean;
  load: string;
};

async function benchDatabase(database: ReturnType<typeof databasesFromArgs>[number]) {
  const manifest = readManifest(database);
  console.log(
    `\n== ${describeDatabase(database)} · ${manifest.rows.total.toLocaleString("en-US")} rows · ${connections} connections · ${durationSeconds} s per run (+${warmupSeconds} s warm-up)`,
  );
  const server = await startBenchServer({ port: Number(args.port), database });
  const rows: Row[] = [];
  try {
    const cookie = await signIn(server.base, manifest.accounts.expert, manifest.password);
    const leadershipEmail = leadershipEmailOf(manifest);
    const leadershipCookie = leadershipEmail ? await signIn(server.base, leadershipEmail, manifest.password).catch(() => null) : null;
    if (!leadershipCookie) console.log(`  (no leadership account found for ${manifest.hotCity.slug}: leadership dashboard left out)`);
    for (const target of targetsOf(manifest, cookie, leadershipCookie)) {
      const first = await probe(server.base, target.path, target.headers);
      if (first.status !== 200) throw new Error(`${target.name}: HTTP ${first.status} ${first.body.slice(0, 300)}`);
      const staticTarget: LoadTarget = { name: `static ${first.bytes} B`, path: `/api/bench/static?bytes=${first.bytes}` };
      const staticProbe = await probe(server.base, staticTarget.path);
      if (staticProbe.status !== 200)
        throw new Error(`the static route answered ${staticProbe.status}: is BENCH_ROUTES=1 reaching the server?`);
      const staticResult = await runLoad(server.base, staticTarget, { connections, durationSeconds, warmupSeconds });
      const result = await runLoad(server.base, target, { connections, durationSeconds, warmupSeconds });
      // The same request with no queue in front of it: what one user waits when the server is idle.
      const alone = args["no-alone"] ? null : await runLoad(server.base, target, { connections: 1, durationSeconds: 3 });
      const row: Row = {
        key: target.key,
        kind: target.kind,
        load: loadAverage(),
        endpoint: target.name,
        bytes: first.bytes,
        static: staticResult,
        result,
        alone,
        ratio: result.rps / staticResult.rps,
        target: target.target,
      };
      rows.push(row);
      // One machine-comparable line per read (grep '^RESULT').
      console.log(
        `RESULT name=${row.key} db=${database.kind} dataset=${datasetOf(manifest)} reqps=${result.rps.toFixed(0)} static=${staticResult.rps.toFixed(0)} ratio=${row.ratio.toFixed(2)} target=${RATIO_TARGET[row.kind] ?? "-"} p50=${result.p50.toFixed(1)} p95=${result.p95.toFixed(1)} alone_p95=${alone ? alone.p95.toFixed(1) : "-"} bytes=${first.bytes} errors=${result.errors + result.timeouts + result.non2xx} load=${row.load}`,
      );
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
          r.alone ? `${r.alone.p50.toFixed(1)}/${r.alone.p95.toFixed(1)}` : "–",
          r.result.errors + r.result.timeouts,
          r.result.non2xx,
        ]),
      ),
  );
  const misses = rows.filter((r) => r.target && (r.ratio < (RATIO_TARGET[r.kind] ?? 0) || r.result.errors + r.result.non2xx > 0));
  console.log(
    misses.length
      ? `ratio targets missed: ${misses.map((m) => `${m.key} ${m.ratio.toFixed(2)} < ${RATIO_TARGET[m.kind]}`).join("; ")}`
      : "all ratio targets met (public REST ≥ 0.7, authenticated and pages ≥ 0.5), no errors",
  );
  return { database: describeDatabase(database), rowsInDatabase: manifest.rows.total, connections, durationSeconds, rows };
}

/** "demo" for the demo data (bench/demo-manifest.ts), else the generated scale. */
function datasetOf(manifest: ScaleManifest): string {
  const m = manifest as ScaleManifest & { dataset?: string; options: { scale?: number } };
  return m.dataset ?? `scale${m.options.scale ?? 1}`;
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
