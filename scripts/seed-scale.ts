/**
 * Fills a database with city-scale data for the benchmarks (bench/README.md):
 *
 *   npm run seed:scale                                  # defaults, embedded database in .data/scale
 *   npm run seed:scale -- --scale 0.1 --data-dir .data/scale-0.1
 *   npm run seed:scale -- --database-url postgres://postgres@127.0.0.1:5432/perf_big
 *   npm run seed:scale -- --cities 200 --cycles 5 --evidence 50000 --comments 200000 --audit 1000000
 *
 * Defaults: 200 cities × 5 cycles, 50,000 evidence items (with revisions and reviews), 200,000
 * comments and feedback, 1,000,000 audit events, 50,000 notifications, and the ~7,000 users behind
 * them. `--scale f` multiplies every volume (0.001 … 10). The demo accounts are seeded first (unless
 * --no-demo), and every generated user has the demo password, so the benchmarks can sign in.
 * Writes a manifest (ids, accounts, counts) that the bench scripts read.
 */

import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type DatabaseHandle, migrateDatabase, openPglite, openPostgres } from "@/db/client";
import { env } from "@/env";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import { hashPassword } from "@/server/auth/passwords";
import { DEMO_PASSWORD, seedDemoDataIfEmpty } from "@/server/seed/demo";
import { type RawExecutor, rawExecutorOf } from "./scale/bulk-insert";
import { DEFAULT_SCALE, optionsDigest, type ScaleOptions } from "./scale/scale-dataset";
import { selectRows, writeScaleData } from "./scale/write-scale-data";

const { values: args } = parseArgs({
  options: {
    cities: { type: "string" },
    cycles: { type: "string" },
    evidence: { type: "string" },
    comments: { type: "string" },
    audit: { type: "string" },
    notifications: { type: "string" },
    "citizens-per-city": { type: "string" },
    scale: { type: "string" },
    seed: { type: "string" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    manifest: { type: "string" },
    "no-demo": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  console.log(fs.readFileSync(new URL(import.meta.url), "utf8").split("*/")[0]);
  process.exit(0);
}

function numberArg(name: string, fallback: number): number {
  const raw = args[name as keyof typeof args];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got ${String(raw)}`);
  return value;
}

const factor = numberArg("scale", 1);
if (factor < 0.001 || factor > 10) throw new Error("--scale must be between 0.001 and 10");
const options: ScaleOptions = {
  cities: Math.max(1, Math.round(numberArg("cities", DEFAULT_SCALE.cities * factor))),
  cycles: Math.max(1, Math.round(numberArg("cycles", DEFAULT_SCALE.cycles))),
  evidence: Math.round(numberArg("evidence", DEFAULT_SCALE.evidence * factor)),
  comments: Math.round(numberArg("comments", DEFAULT_SCALE.comments * factor)),
  audit: Math.round(numberArg("audit", DEFAULT_SCALE.audit * factor)),
  notifications: Math.round(numberArg("notifications", DEFAULT_SCALE.notifications * factor)),
  citizensPerCity: Math.max(1, Math.round(numberArg("citizens-per-city", DEFAULT_SCALE.citizensPerCity))),
  seed: Math.round(numberArg("seed", DEFAULT_SCALE.seed)),
};

const databaseUrl = args["database-url"] ?? env.DATABASE_URL;
const dataDir = path.resolve(args["data-dir"] ?? path.join(".data", "scale"));
const manifestPath = path.resolve(
  args.manifest ??
    (databaseUrl
      ? path.join(".data", `scale-${new URL(databaseUrl).pathname.slice(1) || "postgres"}.manifest.json`)
      : `${dataDir}.manifest.json`),
);

const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main() {
  console.log(`seed:scale ${databaseUrl ? `PostgreSQL ${redact(databaseUrl)}` : `PGlite ${dataDir}`}`);
  console.log(`  ${JSON.stringify(options)}`);
  const handle: DatabaseHandle = databaseUrl ? await openPostgres(databaseUrl, { max: 1 }) : await openPglite(dataDir);
  try {
    await migrateDatabase(handle);
    const raw = rawExecutorOf(handle);
    if (!args["no-demo"]) await seedDemoDataIfEmpty(handle.db);
    const [{ n: existing }] = (await rows(raw, "select count(*)::int as n from users where email like '%@scale.test'")) as { n: number }[];
    if (existing > 0) throw new Error("This database already holds generated data: use a fresh --data-dir or database.");

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const {
      counts,
      cities: cityInfos,
      insertSeconds,
    } = await writeScaleData(handle, options, {
      passwordHash,
      onProgress: ({ citiesDone, counts }) => {
        const total = Object.values(counts).reduce((s, n) => s + n, 0);
        console.log(
          `  cities ${citiesDone}/${options.cities} · evidence ${fmt(counts.evidence)} · comments ${fmt(counts.comments)} · feedback ${fmt(counts.feedback)} · audit ${fmt(counts.auditEvents)} · ${fmt(total)} rows · ${fmt(total / seconds())} rows/s · ${seconds().toFixed(1)} s`,
        );
      },
    });

    const analyzeStart = performance.now();
    await raw.query("analyze");
    console.log(`  analyze ${((performance.now() - analyzeStart) / 1000).toFixed(1)} s`);

    // The chains must verify exactly as the app's own writes do.
    const hot = cityInfos[0];
    for (const chainKey of [`assessment:${hot.latestAssessmentId}`, `city:${hot.id}`]) {
      const verification = await verifyAuditChain(handle.db, chainKey);
      if (!verification.ok) throw new Error(`audit chain ${chainKey} does not verify: ${JSON.stringify(verification)}`);
      console.log(`  audit chain ${chainKey} verified (${verification.checked} events)`);
    }

    const total = Object.values(counts).reduce((s, n) => s + n, 0);
    const manifest = {
      generatedAt: new Date().toISOString(),
      driver: handle.driver,
      database: databaseUrl ? redact(databaseUrl) : dataDir,
      options,
      optionsDigest: optionsDigest(options),
      seconds: Number(seconds().toFixed(1)),
      insertSeconds: Number(insertSeconds.toFixed(1)),
      rows: { ...counts, total },
      password: DEMO_PASSWORD,
      accounts: { expert: "expert-1@scale.test", admin: "admin-1@scale.test", demoExpert: "expert@demo.city" },
      hotCity: hot,
      /** Open (draft) assessments and their department members: the writers of bench/writes.ts. */
      writers: cityInfos
        .filter((c) => c.latestStatus === "draft")
        .slice(0, 64)
        .map((c) => ({
          cityId: c.id,
          slug: c.slug,
          assessmentId: c.latestAssessmentId,
          departmentEmail: c.departmentEmails[0],
          citizenEmail: c.citizenEmails[0],
        })),
      publishedAssessmentIds: cityInfos.flatMap((c) => c.publishedAssessmentIds).slice(0, 200),
      citySlugs: cityInfos.slice(0, 200).map((c) => c.slug),
    };
    fs.mkdirSync(path.dirname(manifestPath), { recursive: true });
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    console.log(
      `done: ${fmt(total)} rows in ${seconds().toFixed(1)} s (${fmt(total / seconds())} rows/s); manifest ${path.relative(process.cwd(), manifestPath)}`,
    );
  } finally {
    await handle.close();
  }
}

async function rows(raw: RawExecutor, text: string): Promise<unknown[]> {
  return selectRows(raw, text);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
