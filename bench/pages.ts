/**
 * Pages: server render time of the public pages on the generated data, and the first-load
 * JavaScript of each route (bench/README.md).
 *
 *   npx tsx bench/pages.ts --pglite .data/scale --postgres postgres://postgres@127.0.0.1:5432/perf_scale
 *
 * Render time: after a warm-up, sequential GETs of the HTML (one at a time, so it is the render,
 * not queueing): p50/p95 to the first byte and to the last. First-load JS: the script chunks the
 * route's HTML loads on first visit, read from the build folder and gzipped (level 9, as a CDN
 * would serve them); target ≤ 200 kB on public pages.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import {
  DEFAULT_DIST_DIR,
  databasesFromArgs,
  describeDatabase,
  readManifest,
  type ScaleManifest,
  startBenchServer,
} from "./lib/bench-server";
import { signIn } from "./lib/http-client";
import { percentile, table } from "./lib/load-run";

const { values: args } = parseArgs({
  options: {
    pglite: { type: "string", multiple: true },
    postgres: { type: "string", multiple: true },
    port: { type: "string", default: "3107" },
    samples: { type: "string", default: "40" },
    warmup: { type: "string", default: "5" },
  },
});
const samples = Number(args.samples);
const warmup = Number(args.warmup);
const distDir = process.env.NEXT_DIST_DIR ?? DEFAULT_DIST_DIR;

type Route = { name: string; path: string; public: boolean; signedInAs?: "expert" };

function routesOf(manifest: ScaleManifest): Route[] {
  const hot = manifest.hotCity;
  return [
    { name: "city page", path: `/cities/${hot.slug}`, public: true },
    { name: "benchmark page", path: "/benchmark", public: true },
    { name: "home", path: "/", public: true },
    { name: "cities list", path: "/cities", public: true },
    { name: "compare", path: `/compare?city=${manifest.citySlugs.slice(0, 3).join("&city=")}`, public: true },
    { name: "open data", path: "/open-data", public: true },
    { name: "sign-in", path: "/sign-in", public: true },
    { name: "review queue (expert)", path: "/review", public: false, signedInAs: "expert" },
  ];
}

async function timeRequest(url: string, headers: Record<string, string>) {
  const t0 = performance.now();
  const res = await fetch(url, { headers, redirect: "manual" });
  const reader = res.body!.getReader();
  let firstByte = NaN;
  let bytes = 0;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstByte)) firstByte = performance.now() - t0;
    bytes += value.length;
    chunks.push(value);
  }
  return { status: res.status, firstByte, total: performance.now() - t0, bytes, html: Buffer.concat(chunks).toString("utf8") };
}

/**
 * The script chunks a page loads on first visit, from its HTML. `nomodule` scripts (the legacy
 * polyfills) are skipped: browsers with module support never download them, and Next's own
 * first-load figure leaves them out too.
 */
function scriptChunksOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)(?:\?[^"]*)?"([^>]*)>/g)) {
    if (/\snomodule/i.test(m[1] + m[3])) continue;
    found.add(m[2]);
  }
  return [...found].filter((src) => src.includes("/_next/static/"));
}

const gzipCache = new Map<string, number>();
function gzippedSize(src: string): number {
  const file = path.join(distDir, "static", src.split("/_next/static/")[1]);
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = fs.existsSync(file) ? gzipSync(fs.readFileSync(file), { level: 9 }).length : NaN;
    gzipCache.set(file, size);
  }
  return size;
}

async function main() {
  const databases = databasesFromArgs(args.pglite, args.postgres);
  const jsRows: (string | number)[][] = [];
  for (const [d, database] of databases.entries()) {
    const manifest = readManifest(database);
    console.log(
      `\n== ${describeDatabase(database)} · ${manifest.rows.total.toLocaleString("en-US")} rows · ${samples} sequential requests per page after ${warmup} warm-up`,
    );
    const server = await startBenchServer({ port: Number(args.port), database });
    const rows: (string | number)[][] = [];
    try {
      const expertCookie = await signIn(server.base, manifest.accounts.expert, manifest.password);
      for (const route of routesOf(manifest)) {
        const headers: Record<string, string> = route.signedInAs ? { cookie: expertCookie } : {};
        const first = await timeRequest(server.base + route.path, headers);
        if (first.status !== 200) {
          rows.push([route.name, route.path, `HTTP ${first.status}`, "", "", "", ""]);
          continue;
        }
        for (let i = 0; i < warmup; i++) await timeRequest(server.base + route.path, headers);
        const firstBytes: number[] = [];
        const totals: number[] = [];
        for (let i = 0; i < samples; i++) {
          const r = await timeRequest(server.base + route.path, headers);
          firstBytes.push(r.firstByte);
          totals.push(r.total);
        }
        firstBytes.sort((a, b) => a - b);
        totals.sort((a, b) => a - b);
        rows.push([
          route.name,
          route.path,
          percentile(firstBytes, 50),
          percentile(totals, 50),
          percentile(totals, 95),
          first.bytes,
          gzipSync(first.html).length,
        ]);
        if (d === 0) {
          const chunks = scriptChunksOf(first.html);
          const js = chunks.reduce((s, c) => s + gzippedSize(c), 0);
          jsRows.push([
            route.name,
            route.public ? "public" : "signed-in",
            chunks.length,
            js / 1024,
            route.public ? (js / 1024 <= 200 ? "yes" : "NO") : "–",
          ]);
        }
      }
    } finally {
      await server.stop();
    }
    console.log(
      "\nServer render time (ms)\n" + table(["page", "path", "TTFB p50", "total p50", "total p95", "HTML bytes", "HTML gzip"], rows),
    );
  }
  console.log(
    `\nFirst-load JavaScript (gzip, from ${distDir}/static)\n` + table(["page", "kind", "chunks", "kB gzip", "≤ 200 kB"], jsRows),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
