/**
 * Write throughput: evidence submissions and comments per second at 32 concurrent writers, then a
 * check that every acknowledged write is in the database with its audit event, and that the
 * touched audit chains still verify (bench/README.md).
 *
 *   npx tsx bench/writes.ts --pglite .data/scale --postgres postgres://postgres@127.0.0.1:5432/perf_scale
 *
 * Two layouts per database: `spread` (each writer in a different city's open assessment) and `one`
 * (all writers in the same assessment, so they queue on its audit chain's lock). The server runs
 * with the per-user post limit raised (POST_RATE_LIMIT) but still enforced, so its query is measured.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres } from "@/db/client";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import {
  type BenchDatabase,
  databasesFromArgs,
  describeDatabase,
  readManifest,
  type ScaleManifest,
  startBenchServer,
} from "./lib/bench-server";
import { type ExpertSaveResult, expertSaves } from "./lib/expert-saves";
import { signIn, trpcMutationBody, trpcResult } from "./lib/http-client";
import { percentile, table } from "./lib/load-run";

const { values: args } = parseArgs({
  options: {
    pglite: { type: "string", multiple: true },
    postgres: { type: "string", multiple: true },
    port: { type: "string", default: "3106" },
    writers: { type: "string", default: "32" },
    duration: { type: "string", default: "10" },
    layout: { type: "string", default: "both" },
    /** Sequential expert saves (one at a time, idle server) per kind; 0 skips them. */
    saves: { type: "string", default: "200" },
    /** Only the expert saves (no 32-writer runs). */
    "saves-only": { type: "boolean", default: false },
  },
});
const writerCount = Number(args.writers);
const durationSeconds = Number(args.duration);
const layouts = args.layout === "both" ? (["spread", "one"] as const) : ([args.layout as "spread" | "one"] as const);

type Writer = { cookie: string; assessmentId: string };
type Outcome = {
  kind: "evidence" | "comment";
  layout: string;
  ids: string[];
  latencies: number[];
  errors: Map<string, number>;
  seconds: number;
  assessments: Set<string>;
};

async function writersFor(base: string, manifest: ScaleManifest, layout: "spread" | "one"): Promise<Writer[]> {
  const accounts =
    layout === "spread"
      ? manifest.writers.map((w) => ({ email: w.departmentEmail, assessmentId: w.assessmentId }))
      : manifest.hotCity.departmentEmails.map((email) => ({ email, assessmentId: manifest.hotCity.latestAssessmentId }));
  const sessions = await Promise.all(
    accounts
      .slice(0, writerCount)
      .map(async (a) => ({ cookie: await signIn(base, a.email, manifest.password), assessmentId: a.assessmentId })),
  );
  return Array.from({ length: writerCount }, (_, i) => sessions[i % sessions.length]);
}

function inputFor(kind: Outcome["kind"], writer: Writer, n: number, w: number) {
  if (kind === "evidence") {
    return {
      assessmentId: writer.assessmentId,
      characteristicKey: "ict_infrastructure",
      kind: "link",
      title: `Benchmark link ${w}.${n}`,
      criterionKeys: [],
      payload: { url: `https://bench.example.org/${w}/${n}`, description: "Written by bench/writes.ts" },
    };
  }
  return {
    assessmentId: writer.assessmentId,
    targetType: "characteristic",
    targetKey: "governance",
    visibility: "internal",
    body: `Benchmark comment ${w}.${n}`,
  };
}

async function writeFor(
  base: string,
  writers: Writer[],
  kind: Outcome["kind"],
  layout: string,
  seconds = durationSeconds,
): Promise<Outcome> {
  const procedure = kind === "evidence" ? "evidence.submit" : "comments.post";
  const outcome: Outcome = {
    kind,
    layout,
    ids: [],
    latencies: [],
    errors: new Map(),
    seconds: 0,
    assessments: new Set(writers.map((w) => w.assessmentId)),
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    writers.map(async (writer, w) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}/api/trpc/${procedure}`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: writer.cookie },
            body: trpcMutationBody(inputFor(kind, writer, n, w)),
          });
          const result = await trpcResult<{ id: string }>(res);
          outcome.latencies.push(performance.now() - t0);
          if (result.ok && result.data?.id) outcome.ids.push(result.data.id);
          else {
            const key = `HTTP ${result.ok ? res.status : result.status}: ${JSON.stringify((result as { error?: unknown }).error ?? "").slice(0, 160)}`;
            outcome.errors.set(key, (outcome.errors.get(key) ?? 0) + 1);
          }
        } catch (error) {
          const key = `network: ${(error as Error).message}`;
          outcome.errors.set(key, (outcome.errors.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  outcome.seconds = (performance.now() - started) / 1000;
  outcome.latencies.sort((a, b) => a - b);
  return outcome;
}

/** After the server has stopped (PGlite allows one process): every acknowledged id must be there. */
async function verify(database: BenchDatabase, outcomes: Outcome[]) {
  const handle = database.kind === "pglite" ? await openPglite(database.dataDir) : await openPostgres(database.url, { max: 2 });
  try {
    const checks = [];
    for (const o of outcomes) {
      const tableName = o.kind === "evidence" ? sql`evidence` : sql`comments`;
      const ids = sql.raw(`'{${o.ids.join(",")}}'::uuid[]`);
      const textIds = sql.raw(`'{${o.ids.join(",")}}'::text[]`);
      const found = await countOf(handle, sql`select count(*)::int as n from ${tableName} where id = any(${ids})`);
      const audited = await countOf(
        handle,
        sql`select count(distinct entity_id)::int as n from audit_events where entity_id = any(${textIds})`,
      );
      let chainsOk = 0;
      for (const assessmentId of o.assessments) {
        const v = await verifyAuditChain(handle.db, `assessment:${assessmentId}`);
        if (v.ok) chainsOk++;
        else console.error(`  audit chain of ${assessmentId} broken:`, v);
      }
      checks.push({ outcome: o, found, audited, chainsOk });
    }
    return checks;
  } finally {
    await handle.close();
  }
}

/** The saved judgements and ratings each left their audit events, and the assessment's chain verifies. */
async function verifySaves(database: BenchDatabase, saves: ExpertSaveResult[]) {
  const handle = database.kind === "pglite" ? await openPglite(database.dataDir) : await openPostgres(database.url, { max: 2 });
  try {
    for (const assessmentId of new Set(saves.map((s) => s.assessmentId))) {
      const v = await verifyAuditChain(handle.db, `assessment:${assessmentId}`);
      const acknowledged = saves.filter((s) => s.assessmentId === assessmentId).reduce((n, s) => n + s.auditedEvents, 0);
      const since = new Date(Math.min(...saves.map((s) => s.startedAt)));
      const events = await countOf(
        handle,
        sql`select count(*)::int as n from audit_events where chain_key = ${`assessment:${assessmentId}`} and action in ('judgement.save', 'rating.save') and created_at >= ${since.toISOString()}`,
      );
      console.log(
        `  expert saves on ${assessmentId}: chain ${v.ok ? `verifies (${v.checked} events)` : "BROKEN"} · audit events ${events} for ${acknowledged} acknowledged saves`,
      );
    }
  } finally {
    await handle.close();
  }
}

/** postgres.js returns the rows as the array, PGlite under `.rows`. */
async function countOf(
  handle: { db: { execute: (q: ReturnType<typeof sql>) => Promise<unknown> } },
  query: ReturnType<typeof sql>,
): Promise<number> {
  const result = await handle.db.execute(query);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number | string }[];
  return Number(rows[0].n);
}

async function main() {
  for (const database of databasesFromArgs(args.pglite, args.postgres)) {
    const manifest = readManifest(database);
    console.log(`\n== ${describeDatabase(database)} · ${writerCount} writers · ${durationSeconds} s per run`);
    const server = await startBenchServer({ port: Number(args.port), database, env: { POST_RATE_LIMIT: "100000" } });
    const outcomes: Outcome[] = [];
    let saves: ExpertSaveResult[] = [];
    try {
      // First, on the idle server: the expert's saves one at a time (what one expert waits for).
      if (Number(args.saves) > 0) {
        saves = await expertSaves(server.base, manifest, Number(args.saves));
        for (const r of saves) {
          console.log(
            `RESULT name=${r.name.replaceAll(" ", "_")} db=${database.kind} n=${r.latencies.length} p50=${percentile(r.latencies, 50).toFixed(1)} p95=${percentile(r.latencies, 95).toFixed(1)} p99=${percentile(r.latencies, 99).toFixed(1)} errors=${r.errors}`,
          );
        }
      }
      for (const layout of args["saves-only"] ? [] : layouts) {
        const writers = await writersFor(server.base, manifest, layout);
        // Warm-up: a couple of seconds of each kind, verified with the rest but not timed.
        for (const kind of ["evidence", "comment"] as const)
          outcomes.push(await writeFor(server.base, writers, kind, `${layout} warm-up`, 2));
        for (const kind of ["evidence", "comment"] as const) {
          const o = await writeFor(server.base, writers, kind, layout);
          outcomes.push(o);
          const errors = [...o.errors.values()].reduce((s, n) => s + n, 0);
          console.log(
            `  ${kind} (${layout}): ${o.ids.length} in ${o.seconds.toFixed(1)} s = ${(o.ids.length / o.seconds).toFixed(1)}/s · p50 ${percentile(o.latencies, 50).toFixed(0)} p95 ${percentile(o.latencies, 95).toFixed(0)} ms · errors ${errors}`,
          );
          for (const [key, n] of o.errors) console.log(`    ${n}× ${key}`);
        }
      }
    } finally {
      await server.stop();
    }
    if (saves.length) await verifySaves(database, saves);
    if (outcomes.length === 0) continue;
    const checks = await verify(database, outcomes);
    console.log(
      "\n" +
        table(
          ["write", "layout", "acknowledged", "per second", "p50 ms", "p95 ms", "p99 ms", "errors", "found", "audited", "chains ok"],
          checks.map(({ outcome: o, found, audited, chainsOk }) => [
            o.kind,
            o.layout,
            o.ids.length,
            o.ids.length / o.seconds,
            percentile(o.latencies, 50),
            percentile(o.latencies, 95),
            percentile(o.latencies, 99),
            [...o.errors.values()].reduce((s, n) => s + n, 0),
            found,
            audited,
            `${chainsOk}/${o.assessments.size}`,
          ]),
        ),
    );
    const lost = checks.filter((c) => c.found !== c.outcome.ids.length || c.audited !== c.outcome.ids.length);
    console.log(lost.length ? "SOME ACKNOWLEDGED WRITES ARE MISSING" : "every acknowledged write was found, each with its audit event");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
