import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { criterionJudgements } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import { currentFramework } from "@/server/scoring/framework-registry";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { castCaller, makeAssessment, makeCastWithAssessment, READY } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

/**
 * The batch form: every criterion of one characteristic judged in one call (review.saveJudgements),
 * with the rules of the single save, all or nothing, and the audit chain of single saves.
 */

let h: DatabaseHandle;
const framework = currentFramework();
const strategy = framework.characteristics.find((c) => c.key === "smart_city_strategy")!;
const strategyKeys = strategy.criteria.map((c) => c.key);
const fundingKey = framework.characteristics.find((c) => c.key === "funding")!.criteria[0].key;

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function setup() {
  const { cast, assessment } = await makeCastWithAssessment(h.db);
  const expert = castCaller(h.db, cast, "expert");
  return { cast, assessment, expert };
}

async function eventsOf(assessmentId: string) {
  return h.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainKey, `assessment:${assessmentId}`), eq(auditEvents.action, "judgement.save")))
    .orderBy(asc(auditEvents.id));
}

async function rowsOf(assessmentId: string) {
  return h.db.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, assessmentId));
}

const all = (judgement: "met" | "not_met" | "partially_met", versions: Map<string, number> = new Map()) =>
  strategyKeys.map((criterionKey) => ({ criterionKey, judgement, evidenceIds: [], expectedVersion: versions.get(criterionKey) ?? null }));

describe("judging a whole characteristic in one save", () => {
  it("saves every criterion, returns the same score as one save per criterion, and audits each like a single save", async () => {
    const { assessment, expert } = await setup();
    const batch = await expert.review.saveJudgements({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      judgements: all("met"),
    });
    expect(batch.saved.map((j) => j.criterionKey)).toEqual(strategyKeys);
    expect(batch.saved.every((j) => j.version === 1 && !j.carriedOver)).toBe(true);
    expect(batch.unchanged).toEqual([]);

    // The same judgements saved one by one on another assessment give the same score and events.
    const other = await setup();
    let last: Awaited<ReturnType<typeof expert.review.saveJudgement>> | undefined;
    for (const criterionKey of strategyKeys) {
      last = await other.expert.review.saveJudgement({
        assessmentId: other.assessment.id,
        criterionKey,
        judgement: "met",
        expectedVersion: null,
      });
    }
    expect(batch.score).toEqual(last!.score);

    const batchEvents = await eventsOf(assessment.id);
    const singleEvents = await eventsOf(other.assessment.id);
    expect(batchEvents).toHaveLength(strategyKeys.length);
    const shape = (e: (typeof batchEvents)[number]) => ({ action: e.action, entityType: e.entityType, before: e.before, after: e.after });
    expect(batchEvents.map(shape)).toEqual(singleEvents.map(shape));
    expect(batchEvents.map((e) => (e.after as { criterionKey: string }).criterionKey)).toEqual(strategyKeys);
    expect(await verifyAuditChain(h.db, `assessment:${assessment.id}`)).toMatchObject({ ok: true });
  });

  it("leaves unchanged criteria alone (no new version, no event) and saves the changed ones", async () => {
    const { assessment, expert } = await setup();
    const first = await expert.review.saveJudgements({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      judgements: all("met"),
    });
    const versions = new Map(first.saved.map((j) => [j.criterionKey, j.version]));
    const judgements = all("met", versions).map((j, i) => (i === 0 ? { ...j, judgement: "not_met" as const, note: "Not in the plan" } : j));
    const second = await expert.review.saveJudgements({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      judgements,
    });
    expect(second.saved.map((j) => [j.criterionKey, j.version, j.judgement, j.note])).toEqual([
      [strategyKeys[0], 2, "not_met", "Not in the plan"],
    ]);
    expect(second.unchanged).toEqual(strategyKeys.slice(1));
    const events = await eventsOf(assessment.id);
    expect(events).toHaveLength(strategyKeys.length + 1);
    expect(events.at(-1)!.before).toEqual({ judgement: "met", note: null, evidenceIds: [], version: 1 });
    expect(await verifyAuditChain(h.db, `assessment:${assessment.id}`)).toMatchObject({ ok: true });
  });

  it("saves nothing when one criterion changed meanwhile, and names every conflict with its current value", async () => {
    const { cast, assessment, expert } = await setup();
    const first = await expert.review.saveJudgements({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      judgements: all("met"),
    });
    const versions = new Map(first.saved.map((j) => [j.criterionKey, j.version]));
    // A second expert changes one criterion.
    const secondExpert = castCaller(h.db, cast, "expert");
    await secondExpert.review.saveJudgement({
      assessmentId: assessment.id,
      criterionKey: strategyKeys[1],
      judgement: "partially_met",
      expectedVersion: 1,
    });
    const eventsBefore = (await eventsOf(assessment.id)).length;
    const error = await expectTrpcError(
      expert.review.saveJudgements({
        assessmentId: assessment.id,
        characteristicKey: "smart_city_strategy",
        judgements: all("not_met", versions),
      }),
      "CONFLICT",
    );
    const details = (
      error.cause as { details?: { conflicts: { criterionKey: string; current: { judgement: string; version: number } }[] } }
    ).details;
    expect(details?.conflicts).toEqual([
      expect.objectContaining({
        criterionKey: strategyKeys[1],
        current: expect.objectContaining({ judgement: "partially_met", version: 2 }),
      }),
    ]);
    const rows = await rowsOf(assessment.id);
    expect(rows.filter((r) => r.judgement === "not_met")).toEqual([]);
    expect((await eventsOf(assessment.id)).length).toBe(eventsBefore);
  });

  it("treats a criterion sent as new that someone else created meanwhile as a conflict", async () => {
    const { cast, assessment, expert } = await setup();
    await castCaller(h.db, cast, "expert").review.saveJudgement({
      assessmentId: assessment.id,
      criterionKey: strategyKeys[0],
      judgement: "met",
      expectedVersion: null,
    });
    await expectTrpcError(
      expert.review.saveJudgements({ assessmentId: assessment.id, characteristicKey: "smart_city_strategy", judgements: all("not_met") }),
      "CONFLICT",
    );
    expect(await rowsOf(assessment.id)).toHaveLength(1);
  });

  it("refuses criteria of another characteristic, duplicates and an empty batch, saving nothing", async () => {
    const { assessment, expert } = await setup();
    const save = (judgements: ReturnType<typeof all>) =>
      expert.review.saveJudgements({ assessmentId: assessment.id, characteristicKey: "smart_city_strategy", judgements });
    const foreign = await expectTrpcError(
      save([...all("met"), { criterionKey: fundingKey, judgement: "met", evidenceIds: [], expectedVersion: null }]),
      "BAD_REQUEST",
    );
    expect(JSON.stringify(foreign.cause)).toContain(fundingKey);
    await expectTrpcError(save([...all("met"), all("met")[0]]), "BAD_REQUEST");
    await expectTrpcError(save([]), "BAD_REQUEST");
    await expectTrpcError(
      save([{ criterionKey: "no.such.criterion", judgement: "met", evidenceIds: [], expectedVersion: null }]),
      "BAD_REQUEST",
    );
    expect(await rowsOf(assessment.id)).toEqual([]);
  });

  it("links only accepted evidence of the assessment, and saves nothing when one link is not", async () => {
    const { cast, assessment, expert } = await setup();
    const department = castCaller(h.db, cast, "department");
    const accepted = await department.evidence.submit({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      ...SAMPLE_CONTENT.link,
    });
    await expert.review.decide({ evidenceId: accepted.id, revision: 1, decision: "accepted" });
    const pending = await department.evidence.submit({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      ...SAMPLE_CONTENT.link,
    });
    const judgements = all("met").map((j, i) => ({ ...j, evidenceIds: i === 0 ? [accepted.id] : i === 1 ? [pending.id] : [] }));
    await expectTrpcError(
      expert.review.saveJudgements({ assessmentId: assessment.id, characteristicKey: "smart_city_strategy", judgements }),
      "BAD_REQUEST",
    );
    expect(await rowsOf(assessment.id)).toEqual([]);
    const ok = await expert.review.saveJudgements({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      judgements: judgements.map((j) => ({ ...j, evidenceIds: j.evidenceIds.filter((id) => id !== pending.id) })),
    });
    expect(ok.saved[0].evidenceIds).toEqual([accepted.id]);
  });

  it("is refused once the assessment is rated, like a single save", async () => {
    const { cast } = await setup();
    const rated = await makeAssessment(h.db, { ...READY, cityId: cast.otherCity.id, status: "rated", authorId: cast.users.department.id });
    const admin = castCaller(h.db, cast, "expert");
    const error = await expectTrpcError(
      admin.review.saveJudgements({ assessmentId: rated.id, characteristicKey: "smart_city_strategy", judgements: all("met") }),
      "CONFLICT",
    );
    expect((error.cause as { code?: string }).code).toBe("INVALID_TRANSITION");
  });

  it("confirms a carried-over judgement saved as it stands, as the single save does", async () => {
    const { cast, assessment: first } = await makeCastWithAssessment(h.db, { ...READY, status: "published", judged: true });
    const { assessment: next } = await castCaller(h.db, cast, "leadership").workflow.startNextCycle({
      assessmentId: first.id,
      cycle: "next",
    });
    const expert = castCaller(h.db, cast, "expert");
    const panel = await expert.review.panel({ assessmentId: next.id, characteristicKey: "smart_city_strategy" });
    const carried = panel.judgements.filter((j) => j.characteristicKey === "smart_city_strategy");
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((j) => j.carriedOver)).toBe(true);
    const saved = await expert.review.saveJudgements({
      assessmentId: next.id,
      characteristicKey: "smart_city_strategy",
      judgements: carried.map((j) => ({
        criterionKey: j.criterionKey,
        judgement: j.judgement,
        note: j.note ?? undefined,
        evidenceIds: j.evidenceIds,
        expectedVersion: j.version,
      })),
    });
    expect(saved.saved.map((j) => [j.criterionKey, j.carriedOver, j.updatedBy])).toEqual(
      carried.map((j) => [j.criterionKey, false, cast.users.expert.id]),
    );
    expect(await verifyAuditChain(h.db, `assessment:${next.id}`)).toMatchObject({ ok: true });
  });
});
