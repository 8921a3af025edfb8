/**
 * Lighthouse (Debian Chromium, mobile defaults) on the public city page and benchmark page.
 * Start the app first (e.g. `next start -p 3104` with the demo data), then:
 *
 *   npx tsx bench/lighthouse.ts [baseUrl] [runs]      # default http://localhost:3104, 3 runs
 *
 * Lighthouse (21 MB) is not a dependency of the project: the first run fetches the pinned version
 * with `npx -y lighthouse@12.2.3` into npm's cache (12.x: 13 needs Node 22). Chromium is found at
 * CHROME_PATH (default /usr/bin/chromium).
 *
 * Prints performance and accessibility per run and the median. Target: both >= 95 on both pages.
 * Lighthouse's simulated throttling scales the CPU time it observes, so a busy machine scores lower:
 * measure on an otherwise idle machine.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const LIGHTHOUSE = "lighthouse@12.2.3";
const base = process.argv[2] ?? "http://localhost:3104";
const runs = Number(process.argv[3] ?? 3);
const pages = [
  { name: "city page", url: `${base}/cities/barcelona` },
  { name: "benchmark page", url: `${base}/benchmark` },
];

type Report = {
  categories: Record<string, { score: number }>;
  audits: Record<string, { displayValue?: string }>;
};

async function lighthouse(url: string): Promise<Report> {
  const dir = mkdtempSync(path.join(tmpdir(), "lh-"));
  const out = path.join(dir, "report.json");
  try {
    await run(
      "npx",
      [
        "-y",
        LIGHTHOUSE,
        url,
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        "--only-categories=performance,accessibility",
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(readFileSync(out, "utf8")) as Report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// One warm-up request per page: the first render after start compiles and fills caches.
for (const page of pages) await fetch(page.url);

for (const page of pages) {
  const perf: number[] = [];
  const a11y: number[] = [];
  for (let i = 0; i < runs; i++) {
    const report = await lighthouse(page.url);
    const p = Math.round(report.categories.performance.score * 100);
    const a = Math.round(report.categories.accessibility.score * 100);
    perf.push(p);
    a11y.push(a);
    const metric = (id: string) => report.audits[id]?.displayValue ?? "?";
    console.log(
      `${page.name} run ${i + 1}: performance ${p}, accessibility ${a} ` +
        `(FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")})`,
    );
  }
  console.log(`${page.name}: median performance ${median(perf)}, accessibility ${median(a11y)}`);
}
