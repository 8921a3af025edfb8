import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Starts the production build (`next start`) on one database for a benchmark and stops it again
 * (by its own pid, never by name). Build it first: `NEXT_DIST_DIR=.next-perf npx next build`.
 */

export type BenchDatabase = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export type BenchServer = {
  base: string;
  database: BenchDatabase;
  pid: number;
  stop(): Promise<void>;
};

export const DEFAULT_DIST_DIR = ".next-perf";

export function describeDatabase(database: BenchDatabase): string {
  if (database.kind === "pglite") return `PGlite ${path.relative(process.cwd(), database.dataDir) || database.dataDir}`;
  const url = new URL(database.url);
  url.password = url.password ? "***" : "";
  return `PostgreSQL ${url.host}${url.pathname}`;
}

export async function startBenchServer(options: {
  port: number;
  database: BenchDatabase;
  distDir?: string;
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const distDir = options.distDir ?? process.env.NEXT_DIST_DIR ?? DEFAULT_DIST_DIR;
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: run NEXT_DIST_DIR=${distDir} npx next build`);
  }
  const base = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    PORT: String(options.port),
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-not-for-production-0123456789",
    // The bare comparison route for bench/load.ts.
    BENCH_ROUTES: "1",
    // Limits stay on (their checks are part of the cost) but far above what one load generator sends.
    API_RATE_LIMIT: "1000000000",
    SEED_DEMO: "0",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.PGLITE_DATA_DIR;
  if (options.database.kind === "pglite") env.PGLITE_DATA_DIR = path.resolve(options.database.dataDir);
  else env.DATABASE_URL = options.database.url;

  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  // Ready when the health check has opened (and, the first time, migrated) the database.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not become healthy in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, database: options.database, pid: child.pid!, stop };
}

/** `--pglite <dir>` / `--postgres <url>` flags, repeatable; defaults to the default scale folder. */
export function databasesFromArgs(pglite: string[] | undefined, postgres: string[] | undefined): BenchDatabase[] {
  const out: BenchDatabase[] = [
    ...(pglite ?? []).map((dataDir): BenchDatabase => ({ kind: "pglite", dataDir: path.resolve(dataDir) })),
    ...(postgres ?? []).map((url): BenchDatabase => ({ kind: "postgres", url })),
  ];
  return out.length ? out : [{ kind: "pglite", dataDir: path.resolve(".data/scale") }];
}

/** The manifest `npm run seed:scale` wrote next to the data. */
export function manifestPathFor(database: BenchDatabase): string {
  if (database.kind === "pglite") return `${database.dataDir}.manifest.json`;
  return path.resolve(".data", `scale-${new URL(database.url).pathname.slice(1) || "postgres"}.manifest.json`);
}

export type ScaleManifest = {
  driver: string;
  options: Record<string, number>;
  rows: Record<string, number>;
  seconds: number;
  password: string;
  accounts: { expert: string; admin: string };
  hotCity: {
    id: string;
    slug: string;
    latestAssessmentId: string;
    latestPublishedAssessmentId: string | null;
    publishedAssessmentIds: string[];
    departmentEmails: string[];
    citizenEmails: string[];
    bigThread?: { assessmentId: string; targetType: string; targetKey: string; visibility: string; comments: number };
  };
  writers: { cityId: string; slug: string; assessmentId: string; departmentEmail: string; citizenEmail: string }[];
  publishedAssessmentIds: string[];
  citySlugs: string[];
};

export function readManifest(database: BenchDatabase): ScaleManifest {
  const file = manifestPathFor(database);
  if (!fs.existsSync(file)) throw new Error(`No manifest at ${file}: generate the data with npm run seed:scale first`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as ScaleManifest;
}
