/**
 * Scale curve: the main reads at datasets from 1000× smaller to 10× larger than the default, to show
 * latency flat in data size (bench/README.md).
 *
 *   npx tsx bench/scale-curve.ts --scales 0.001,0.01,0.1,1,10 --driver postgres
 *   npx tsx bench/scale-curve.ts --scales 0.001,0.01,0.1,1 --driver pglite
 *
 * Each scale has its own dataset: PGlite in `.data/scale-<f>` (`.data/scale` for 1), PostgreSQL in
 * database `perf_scale_<f>` (`perf_scale` for 1) on --postgres-server. A missing dataset is
 * generated first with `npm run seed:scale -- --scale <f>`. Then the server starts on it and every
 * read runs at 32 connections (warm-up, then a fixed duration).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import {
  type BenchDatabase,
  describeDatabase,
  manifestPathFor,
  readManifest,
  type ScaleManifest,
  startBenchServer,
} from "./lib/bench-server";
import { signIn, trpcQueryPath } from "./lib/http-client";
import { type LoadTarget, runLoad, table } from "./lib/load-run";

const { values: args } = parseArgs({
  options: {
    scales: { type: "string", default: "0.001,0.01,0.1,1,10" },
    driver: { type: "string", default: "postgres" },
    "postgres-server": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    port: { type: "string", default: "3108" },
    duration: { type: "string", default: "6" },
    warmup: { type: "string", default: "4" },
    connections: { type: "string", default: "32" },
    json: { type: "string" },
  },
});
const scales = args.scales.split(",").map(Number);
const drivers = args.driver === "both" ? ["pglite", "postgres"] : [args.driver];

function suffix(scale: number): string {
  return scale === 1 ? "" : `_${String(scale).replace(".", "_")}`;
}

function databaseFor(driver: string, scale: number): BenchDatabase {
  if (driver === "pglite") return { kind: "pglite", dataDir: path.resolve(".data", scale === 1 ? "scale" : `scale-${scale}`) };
  const url = new URL(args["postgres-server"]);
  url.pathname = `/perf_scale${suffix(scale)}`;
  return { kind: "postgres", url: url.toString() };
}

async function ensureDataset(database: BenchDatabase, scale: number) {
  if (fs.existsSync(manifestPathFor(database))) return;
  console.log(`  generating the ${scale}× dataset (${describeDatabase(database)}) ...`);
  const flags = ["tsx", "scripts/seed-scale.ts", "--scale", String(scale)];
  if (database.kind === "pglite") flags.push("--data-dir", database.dataDir);
  else {
    const admin = postgres(args["postgres-server"], { max: 1, onnotice: () => {} });
    const name = new URL(database.url).pathname.slice(1);
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
    await admin.end();
    flags.push("--database-url", database.url);
  }
  const run = spawnSync("npx", flags, { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`seed:scale --scale ${scale} failed`);
}

function readsOf(manifest: ScaleManifest, expertCookie: string): LoadTarget[] {
  const hot = manifest.hotCity;
  const thread = hot.bigThread!;
  return [
    { name: "public assessment API", path: `/api/v1/assessments/${hot.latestPublishedAssessmentId}` },
    { name: "city page query", path: trpcQueryPath("public.city", { slug: hot.slug }) },
    { name: "review queue", path: trpcQueryPath("review.queue", {}), headers: { cookie: expertCookie } },
    {
      name: "comment thread page",
      path: trpcQueryPath("comments.list", {
        assessmentId: thread.assessmentId,
        targetType: thread.targetType,
        targetKey: thread.targetKey,
        visibility: thread.visibility,
        limit: 20,
      }),
    },
  ];
}

async function main() {
  const results: {
    driver: string;
    scale: number;
    rows: number;
    read: string;
    rps: number;
    p50: number;
    p95: number;
    p99: number;
    bytes: number;
    errors: number;
  }[] = [];
  for (const driver of drivers) {
    for (const scale of scales) {
      const database = databaseFor(driver, scale);
      await ensureDataset(database, scale);
      const manifest = readManifest(database);
      console.log(`\n== ${driver} ${scale}× · ${manifest.rows.total.toLocaleString("en-US")} rows`);
      const server = await startBenchServer({ port: Number(args.port), database });
      try {
        const cookie = await signIn(server.base, manifest.accounts.expert, manifest.password);
        for (const read of readsOf(manifest, cookie)) {
          const r = await runLoad(server.base, read, {
            connections: Number(args.connections),
            durationSeconds: Number(args.duration),
            warmupSeconds: Number(args.warmup),
          });
          results.push({
            driver,
            scale,
            rows: manifest.rows.total,
            read: read.name,
            rps: r.rps,
            p50: r.p50,
            p95: r.p95,
            p99: r.p99,
            bytes: r.bytesPerResponse,
            errors: r.errors + r.timeouts + r.non2xx,
          });
          console.log(
            `  ${read.name}: ${Math.round(r.rps)} req/s · p50 ${r.p50.toFixed(0)} p95 ${r.p95.toFixed(0)} p99 ${r.p99.toFixed(0)} ms · errors ${r.errors + r.timeouts + r.non2xx}`,
          );
        }
      } finally {
        await server.stop();
      }
    }
  }
  for (const driver of drivers) {
    const mine = results.filter((r) => r.driver === driver);
    const reads = [...new Set(mine.map((r) => r.read))];
    console.log(
      `\n${driver}: p95 ms (req/s) response size, by dataset size\n` +
        table(
          ["read", ...scales.map((s) => `${s}× (${(mine.find((r) => r.scale === s)?.rows ?? 0).toLocaleString("en-US")} rows)`)],
          reads.map((read) => [
            read,
            ...scales.map((s) => {
              const r = mine.find((x) => x.scale === s && x.read === read);
              return r
                ? `${r.p95.toFixed(0)} (${Math.round(r.rps)}) ${(r.bytes / 1024).toFixed(0)} kB${r.errors ? ` ${r.errors} err` : ""}`
                : "–";
            }),
          ]),
        ),
    );
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
