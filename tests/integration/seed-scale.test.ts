import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { ScaleOptions } from "@/scripts/scale/scale-dataset";
import { type ScaleResult, writeScaleData } from "@/scripts/scale/write-scale-data";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import { callerFor } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * The large-data generator must produce data the app accepts as its own: volumes as asked, every
 * status in use, threads no deeper than the app allows, published assessments that score, and audit
 * chains that verify — and the app's next write must chain on after the generated events.
 */

const OPTIONS: ScaleOptions = {
  cities: 20,
  cycles: 3,
  evidence: 600,
  comments: 1_200,
  audit: 6_000,
  notifications: 100,
  citizensPerCity: 5,
  seed: 11,
  bigThread: 60,
  tag: "gen",
};

async function rowsOf<T>(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await handle.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

describe("seed:scale generator", () => {
  let h: DatabaseHandle;
  let data: ScaleResult;
  beforeAll(async () => {
    h = await createTestDb();
    data = await writeScaleData(h, OPTIONS, { passwordHash: "x" });
  }, 120_000);
  afterAll(() => h.close());

  it("writes the volumes asked for", async () => {
    const [counts] = await rowsOf<Record<string, number>>(
      h,
      sql`select (select count(*)::int from evidence) as evidence, (select count(*)::int from comments) as comments,
                 (select count(*)::int from feedback) as feedback, (select count(*)::int from audit_events) as audit,
                 (select count(*)::int from assessments) as assessments, (select count(*)::int from cities) as cities`,
    );
    expect(counts).toEqual({ evidence: 600, comments: 900, feedback: 300, audit: 6_000, assessments: 60, cities: 20 });
  });

  it("uses every assessment and evidence status, with older cycles published", async () => {
    const statuses = await rowsOf<{ status: string }>(h, sql`select distinct status::text as status from assessments order by 1`);
    expect(statuses.map((s) => s.status)).toEqual(["approved", "draft", "in_review", "published", "rated"]);
    const evidenceStatuses = await rowsOf<{ status: string }>(h, sql`select distinct status::text as status from evidence order by 1`);
    expect(evidenceStatuses.map((s) => s.status)).toEqual(["accepted", "changes_requested", "rejected", "submitted", "withdrawn"]);
    const [{ n }] = await rowsOf<{ n: number }>(
      h,
      sql`select count(*)::int as n from assessments where status = 'published' and published_at is not null`,
    );
    expect(n).toBe(20 * 2);
  });

  it("keeps reply threads within depth 3, each reply in its parent's thread", async () => {
    const [{ maxDepth, strays }] = await rowsOf<{ maxDepth: number; strays: number }>(
      h,
      sql`select max(c.depth)::int as "maxDepth",
                 count(*) filter (where p.id is not null and (p.assessment_id <> c.assessment_id or p.target_key <> c.target_key or p.depth <> c.depth - 1))::int as strays
          from comments c left join comments p on p.id = c.parent_id`,
    );
    expect(maxDepth).toBe(3);
    expect(strays).toBe(0);
    const thread = data.cities[0].bigThread!;
    const [{ n }] = await rowsOf<{ n: number }>(
      h,
      sql`select count(*)::int as n from comments where assessment_id = ${thread.assessmentId} and target_key = ${thread.targetKey} and visibility = 'public'`,
    );
    expect(n).toBeGreaterThanOrEqual(60);
  });

  it("gives every published assessment levels through the public API", async () => {
    const anonymous = callerFor(h.db, null);
    for (const city of data.cities.slice(0, 5)) {
      const page = await anonymous.public.city({ slug: city.slug });
      expect(page.latestAssessment?.id).toBe(city.latestPublishedAssessmentId);
      expect(page.history).toHaveLength(2);
    }
  });

  it("chains every audit event so that each chain verifies", async () => {
    const chains = await rowsOf<{ chainKey: string }>(h, sql`select distinct chain_key as "chainKey" from audit_events`);
    expect(chains.length).toBe(20 + 60);
    for (const { chainKey } of chains) {
      const verification = await verifyAuditChain(h.db, chainKey);
      expect(verification, chainKey).toMatchObject({ ok: true });
    }
  });

  it("lets the app's next write chain on after the generated events", async () => {
    const city = data.cities[0];
    const [{ id: departmentId }] = await rowsOf<{ id: string }>(h, sql`select id from users where email = ${city.departmentEmails[0]}`);
    await callerFor(h.db, departmentId).comments.post({
      assessmentId: city.latestAssessmentId,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "internal",
      body: "Written after the generated data.",
    });
    const verification = await verifyAuditChain(h.db, `assessment:${city.latestAssessmentId}`);
    expect(verification).toMatchObject({ ok: true });
  });
});
