/**
 * Where a read's time goes, in-process and one call at a time (bench/README.md): the CPU and wall
 * time per call of the domain function alone, then through the tRPC caller (auth middleware, zod
 * input and output), then through tRPC's fetch adapter (URL parsing, superjson, the Response body).
 * What is left of a request's cost in bench/load.ts is Next.js's routing and the session read.
 *
 *   npx tsx bench/breakdown.ts --postgres postgres://postgres@127.0.0.1:5432/perf_scale
 *   npx tsx bench/breakdown.ts --pglite .data/scale          # with no server running on that folder
 */
import { parseArgs } from "node:util";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { and, eq } from "drizzle-orm";
import { type Db, openPglite, openPostgres } from "@/db/client";
import { assessments, criterionJudgements } from "@/db/schema/assessments";
import { memberships, users } from "@/db/schema/identity";
import { appRouter, createCaller } from "@/server/api/root-router";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { listThread } from "@/server/comments/comment-threads";
import { getCityPage } from "@/server/public/public-city-page";
import { getPublishedAssessment } from "@/server/public/published-assessments";
import { saveCriterionJudgement } from "@/server/review/expert-judgements";
import { listReviewQueue } from "@/server/review/review-queue";
import { reviewQueueFilterSchema } from "@/server/review/review-schemas";
import { loadLeadershipDashboard } from "@/server/workflow/assessment-overview";
import { databasesFromArgs, describeDatabase, readManifest } from "./lib/bench-server";
import { trpcQueryPath } from "./lib/http-client";
import { table } from "./lib/load-run";

const { values: args } = parseArgs({
  options: {
    pglite: { type: "string", multiple: true },
    postgres: { type: "string", multiple: true },
    calls: { type: "string", default: "300" },
  },
});
const calls = Number(args.calls);

async function perCall(work: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  for (let i = 0; i < 30; i++) await work();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await work();
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000 / calls, wall: (performance.now() - t0) / calls };
}

async function main() {
  // Every in-process call comes from one "address": keep the public limit on, far above what this sends.
  process.env.API_RATE_LIMIT ??= "1000000000";
  for (const database of databasesFromArgs(args.pglite, args.postgres)) {
    const manifest = readManifest(database);
    const handle = database.kind === "pglite" ? await openPglite(database.dataDir) : await openPostgres(database.url, { max: 4 });
    try {
      const db = handle.db as Db;
      const [expert] = await db.select({ id: users.id }).from(users).where(eq(users.email, manifest.accounts.expert)).limit(1);
      const hot = manifest.hotCity;
      const thread = hot.bigThread!;
      const threadInput = {
        assessmentId: thread.assessmentId,
        targetType: thread.targetType as "characteristic",
        targetKey: thread.targetKey,
        visibility: thread.visibility as "public",
        limit: 20,
      };
      const anonymous = { db, userId: null, clientIp: null };
      const asExpert = { db, userId: expert.id, clientIp: null };
      const viaFetch = (ctx: typeof anonymous | typeof asExpert, path: string) => async () => {
        const res = await fetchRequestHandler({
          endpoint: "/api/trpc",
          req: new Request(`http://bench${path}`),
          router: appRouter,
          createContext: () => ctx,
        });
        await res.text();
      };
      const reads: { name: string; domain: () => Promise<unknown>; caller: () => Promise<unknown>; fetch: () => Promise<unknown> }[] = [
        {
          name: "public assessment",
          domain: () => getPublishedAssessment(db, hot.latestPublishedAssessmentId!),
          caller: () => createCaller(anonymous).public.assessment({ id: hot.latestPublishedAssessmentId! }),
          fetch: viaFetch(anonymous, trpcQueryPath("public.assessment", { id: hot.latestPublishedAssessmentId })),
        },
        {
          name: "city page",
          domain: () => getCityPage(db, hot.slug),
          caller: () => createCaller(anonymous).public.city({ slug: hot.slug }),
          fetch: viaFetch(anonymous, trpcQueryPath("public.city", { slug: hot.slug })),
        },
        {
          name: "review queue",
          domain: () => listReviewQueue(db, reviewQueueFilterSchema.parse({})),
          caller: () => createCaller(asExpert).review.queue({}),
          fetch: viaFetch(asExpert, trpcQueryPath("review.queue", {})),
        },
        {
          name: "comment thread page",
          domain: () => listThread(db, null, threadInput),
          caller: () => createCaller(anonymous).comments.list(threadInput),
          fetch: viaFetch(anonymous, trpcQueryPath("comments.list", threadInput)),
        },
      ];
      // The leadership dashboard of the hot city, as one of its leadership members.
      const [lead] = await db
        .select({ id: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.cityId, hot.id), eq(memberships.role, "leadership")))
        .limit(1);
      if (lead) {
        const asLeadership = { db, userId: lead.id, clientIp: null };
        reads.push({
          name: "leadership dashboard",
          domain: () => loadLeadershipDashboard(db, hot.id, { userId: lead.id, role: "leadership" }),
          caller: () => createCaller(asLeadership).workflow.leadershipDashboard({ cityId: hot.id }),
          fetch: viaFetch(asLeadership, trpcQueryPath("workflow.leadershipDashboard", { cityId: hot.id })),
        });
      }
      // The expert's judgement save on an open assessment (each call a real update with its audit event).
      const writer = manifest.writers[0];
      const [open] = await db.select().from(assessments).where(eq(assessments.id, writer.assessmentId)).limit(1);
      const criterion = frameworkOf(open).characteristics.find((c) => c.rateable)!.criteria[0];
      const currentVersion = async () =>
        (
          await db
            .select({ version: criterionJudgements.version })
            .from(criterionJudgements)
            .where(and(eq(criterionJudgements.assessmentId, open.id), eq(criterionJudgements.criterionKey, criterion.key)))
        )[0]?.version ?? null;
      let version = await currentVersion();
      let flip = 0;
      const judgement = () => (flip++ % 2 ? "met" : "not_met") as "met" | "not_met";
      const expertActor = { userId: expert.id, role: "expert" as const };
      reads.push({
        name: "judgement save (write)",
        domain: async () => {
          const r = await saveCriterionJudgement(db, expertActor, open, {
            criterionKey: criterion.key,
            judgement: judgement(),
            evidenceIds: [],
            expectedVersion: version,
          });
          version = r.judgement.version;
        },
        caller: async () => {
          const r = await createCaller(asExpert).review.saveJudgement({
            assessmentId: open.id,
            criterionKey: criterion.key,
            judgement: judgement(),
            expectedVersion: version,
          });
          version = r.judgement.version;
        },
        fetch: async () => {
          const res = await fetchRequestHandler({
            endpoint: "/api/trpc",
            req: new Request("http://bench/api/trpc/review.saveJudgement", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                json: { assessmentId: open.id, criterionKey: criterion.key, judgement: judgement(), expectedVersion: version },
              }),
            }),
            router: appRouter,
            createContext: () => asExpert,
          });
          const body = (await res.json()) as { result?: { data?: { json?: { judgement: { version: number } } } } };
          version = body.result?.data?.json?.judgement.version ?? (await currentVersion());
        },
      });
      const rows: (string | number)[][] = [];
      for (const read of reads) {
        const d = await perCall(read.domain);
        const c = await perCall(read.caller);
        const f = await perCall(read.fetch);
        rows.push([read.name, d.cpu, d.wall, c.cpu, c.wall, f.cpu, f.wall]);
      }
      console.log(`\n== ${describeDatabase(database)} · ${calls} sequential calls each (ms per call)\n`);
      console.log(table(["read", "domain fn cpu", "wall", "tRPC caller cpu", "wall", "fetch adapter cpu", "wall"], rows));
    } finally {
      await handle.close();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
