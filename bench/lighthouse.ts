/**
 * Lighthouse (Debian Chromium, mobile defaults) on the public city page and benchmark page, and on a
 * work page (the expert's review queue), signed in as the demo expert (session cookie sent as a header).
 * Start the app first (e.g. `next start -p 3104` with the demo data), then:
 *
 *   npx tsx bench/lighthouse.ts [baseUrl] [runs]      # default http://localhost:3104, 3 runs
 *
 * Lighthouse (21 MB) is not a dependency of the project: the first run fetches the pinned version
 * with `npx -y lighthouse@12.2.3` into npm's cache (12.x: 13 needs Node 22). Chromium is found at
 * CHROME_PATH (default /usr/bin/chromium).
 *
 * Prints performance and accessibility per run and the median. Target: both >= 95 on every page.
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
const pages: { name: string; url: string; signedIn?: boolean }[] = [
  { name: "city page", url: `${base}/en/cities/barcelona` },
  { name: "benchmark page", url: `${base}/en/benchmark` },
  { name: "review queue (work page)", url: `${base}/en/review`, signedIn: true },
];

/** A session cookie of the demo expert, through next-auth's own credentials sign-in. */
async function expertSessionCookie(): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: "expert@demo.city", password: "smartcity-demo", json: "true" }),
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${res.status}): is the demo data seeded?`);
  return session;
}

type Report = {
  categories: Record<string, { score: number }>;
  audits: Record<string, { displayValue?: string }>;
};

async function lighthouse(url: string, cookie?: string): Promise<Report> {
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
        ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(readFileSync(out, "utf8")) as Report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cookie = await expertSessionCookie();
// One warm-up request per page: the first render after start compiles and fills caches.
for (const page of pages) await fetch(page.url, { headers: page.signedIn ? { cookie } : {} });

for (const page of pages) {
  const perf: number[] = [];
  const a11y: number[] = [];
  for (let i = 0; i < runs; i++) {
    const report = await lighthouse(page.url, page.signedIn ? cookie : undefined);
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
