import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { users } from "@/db/schema/identity";
import type { ScaleOptions } from "@/scripts/scale/scale-dataset";
import { type ScaleResult, writeScaleData } from "@/scripts/scale/write-scale-data";
import { callerFor } from "../helpers/factories";
import { createQueryCounter, type QueryCounter } from "../helpers/query-counter";
import { createTestDb } from "../helpers/test-db";

/**
 * Query budgets: the main reads send a fixed number of SQL statements, however many rows sit
 * behind them. Each read runs against a small dataset and one ten times larger (more cycles, more
 * evidence, a longer thread, more of everything); the counts must be equal and within budget.
 * A read that grows with the data (N+1) fails here before it is slow in production.
 */

const SMALL: ScaleOptions = {
  cities: 2,
  cycles: 2,
  evidence: 100,
  comments: 400,
  audit: 400,
  notifications: 40,
  citizensPerCity: 6,
  seed: 7,
  bigThread: 40,
  tag: "qs",
};
const LARGE: ScaleOptions = {
  cities: 4,
  cycles: 6,
  evidence: 1_000,
  comments: 4_000,
  audit: 4_000,
  notifications: 400,
  citizensPerCity: 12,
  seed: 7,
  bigThread: 400,
  tag: "ql",
};

type Dataset = { handle: DatabaseHandle; counter: QueryCounter; data: ScaleResult; ids: Record<string, string> };

async function datasetOf(options: ScaleOptions): Promise<Dataset> {
  const handle = await createTestDb();
  const data = await writeScaleData(handle, options, { passwordHash: "x" });
  const hot = data.cities[0];
  const emailId = async (email: string) =>
    (await handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0].id;
  const ids = {
    expert: data.global.experts[0].id,
    leadership: await emailId(`leadership-${options.tag}1-1@scale.test`),
    department: await emailId(hot.departmentEmails[0]),
    citizen: await emailId(hot.citizenEmails[0]),
  };
  return { handle, counter: createQueryCounter(handle), data, ids };
}

/** A main read as a user would trigger it: who calls it, with what input (from the dataset). */
type Read = {
  name: string;
  budget: number;
  /** Published assessments are frozen, so their scores and evidence are reused (server/public/frozen-cache.ts). */
  warmBudget?: number;
  run: (db: Db, d: Dataset) => Promise<unknown>;
};

const READS: Read[] = [
  {
    name: "public city page (public.city)",
    // 5 reads, plus the public limit's write when the address is new to the process
    // (server/http/rate-limit.ts: it learns the window from the shared store, then counts in batches).
    budget: 6,
    warmBudget: 2,
    run: (db, d) => callerFor(db, null).public.city({ slug: d.data.cities[0].slug }),
  },
  {
    name: "public assessment (public.assessment)",
    budget: 3,
    warmBudget: 1,
    run: (db, d) => callerFor(db, null).public.assessment({ id: d.data.cities[0].latestPublishedAssessmentId! }),
  },
  {
    name: "public benchmark (public.benchmark)",
    budget: 4,
    warmBudget: 2,
    run: (db) => callerFor(db, null).public.benchmark({}),
  },
  {
    name: "expert review queue, first page (review.queue)",
    budget: 2,
    run: (db, d) => callerFor(db, d.ids.expert).review.queue({}),
  },
  {
    name: "expert review queue, second page (review.queue with cursor)",
    budget: 2,
    run: async (db, d) => {
      const first = await callerFor(d.handle.db, d.ids.expert).review.queue({ limit: 5 });
      return callerFor(db, d.ids.expert).review.queue({ limit: 5, cursor: (first as { nextCursor: string | null }).nextCursor });
    },
  },
  {
    // Above 6: the lifecycle snapshot, the approvals with names and the carried-over counts are
    // separate indexed lookups run in parallel (two of them read the same approvals); constant in size.
    name: "assessment dashboard (workflow.overview)",
    budget: 11,
    run: (db, d) => callerFor(db, d.ids.leadership).workflow.overview({ assessmentId: d.data.cities[0].latestAssessmentId }),
  },
  {
    // The overview above plus the open/previous assessments, evidence by characteristic and the
    // previous cycle's score: constant, but the widest read.
    name: "leadership dashboard (workflow.leadershipDashboard)",
    budget: 15,
    run: (db, d) => callerFor(db, d.ids.leadership).workflow.leadershipDashboard({ cityId: d.data.cities[0].id }),
  },
  {
    // Viewer and memberships, then at most one or two grouped statements per role held, in parallel.
    name: "role home page of an expert (dashboard.home)",
    budget: 2 + 1,
    run: (db, d) => callerFor(db, d.ids.expert).dashboard.home(),
  },
  {
    name: "role home page of an admin (dashboard.home)",
    budget: 2 + 1,
    run: (db, d) => callerFor(db, d.data.global.admins[0].id).dashboard.home(),
  },
  {
    name: "role home page of leadership (dashboard.home)",
    budget: 2 + 2,
    run: (db, d) => callerFor(db, d.ids.leadership).dashboard.home(),
  },
  {
    name: "role home page of a department member (dashboard.home)",
    budget: 2 + 1,
    run: (db, d) => callerFor(db, d.ids.department).dashboard.home(),
  },
  {
    name: "role home page of a citizen (dashboard.home)",
    budget: 2 + 2,
    run: (db, d) => callerFor(db, d.ids.citizen).dashboard.home(),
  },
  {
    name: "comment thread page, anonymous (comments.list)",
    budget: 3,
    run: (db, d) => callerFor(db, null).comments.list({ ...threadOf(d), limit: 20 }),
  },
  {
    name: "comment thread page, signed-in citizen (comments.list)",
    budget: 6,
    run: (db, d) => callerFor(db, d.ids.citizen).comments.list({ ...threadOf(d), limit: 20 }),
  },
  {
    name: "evidence list of an assessment (evidence.listForAssessment)",
    budget: 3,
    run: (db, d) => callerFor(db, d.ids.department).evidence.listForAssessment({ assessmentId: d.data.cities[0].latestAssessmentId }),
  },
  {
    name: "audit timeline, first page (audit.timeline)",
    budget: 3,
    run: (db, d) => callerFor(db, d.ids.leadership).audit.timeline({ assessmentId: d.data.cities[0].latestAssessmentId }),
  },
];

function threadOf(d: Dataset) {
  const t = d.data.cities[0].bigThread!;
  return { assessmentId: t.assessmentId, targetType: t.targetType, targetKey: t.targetKey, visibility: t.visibility };
}

describe("query budgets of the main reads", () => {
  let small: Dataset;
  let large: Dataset;
  beforeAll(async () => {
    [small, large] = await Promise.all([datasetOf(SMALL), datasetOf(LARGE)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([small?.handle.close(), large?.handle.close()]);
  });

  it("runs on datasets that differ tenfold", () => {
    expect(large.data.counts.evidence).toBe(10 * small.data.counts.evidence);
    expect(large.data.counts.comments).toBeGreaterThanOrEqual(9 * small.data.counts.comments);
    expect(large.data.counts.auditEvents).toBe(10 * small.data.counts.auditEvents);
  });

  for (const read of READS) {
    it(`sends the same number of statements for 10× the rows, within ${read.budget}: ${read.name}`, async () => {
      // Twice per dataset: the first call may fill caches, the second shows the steady state.
      const a = [
        await small.counter.measure(() => read.run(small.counter.db, small)),
        await small.counter.measure(() => read.run(small.counter.db, small)),
      ];
      const b = [
        await large.counter.measure(() => read.run(large.counter.db, large)),
        await large.counter.measure(() => read.run(large.counter.db, large)),
      ];
      const detail = `small:\n  ${a[0].statements.join("\n  ")}\nlarge:\n  ${b[0].statements.join("\n  ")}`;
      expect(
        b.map((m) => m.count),
        `statement count grew with the data\n${detail}`,
      ).toEqual(a.map((m) => m.count));
      expect(a[0].count, `over budget\n${detail}`).toBeLessThanOrEqual(read.budget);
      expect(a[1].count, "over budget on a repeated read").toBeLessThanOrEqual(read.warmBudget ?? read.budget);
      expect(a[1].count).toBeGreaterThan(0);
    });
  }
});
