import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { castCaller, makeCastWithAssessment, READY } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Carried-over judgements say who made them and when: the panel names the expert and the date of
 * the previous cycle's judgement they were copied from (the copy itself is dated the day the cycle
 * opened), and marks those of the illustrative reference data, which no expert made.
 */

let h: DatabaseHandle;
const JUDGED_AT = new Date("2025-03-14T10:00:00.000Z");

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

describe("carried-over judgements", () => {
  it("name the expert and the date of the judgement they were copied from", async () => {
    const { cast, assessment: first } = await makeCastWithAssessment(h.db, { ...READY, status: "approved", judged: true });
    // The first cycle's judgements and ratings as an expert left them.
    await h.db
      .update(criterionJudgements)
      .set({ updatedBy: cast.users.expert.id, updatedAt: JUDGED_AT })
      .where(eq(criterionJudgements.assessmentId, first.id));
    await h.db
      .update(characteristicRatings)
      .set({ updatedBy: cast.users.expert.id, updatedAt: JUDGED_AT })
      .where(eq(characteristicRatings.assessmentId, first.id));
    await castCaller(h.db, cast, "leadership").workflow.publish({ assessmentId: first.id });
    const { assessment: next } = await castCaller(h.db, cast, "leadership").workflow.startNextCycle({
      assessmentId: first.id,
      cycle: "next",
    });

    const expert = castCaller(h.db, cast, "expert");
    const panel = await expert.review.panel({ assessmentId: next.id, characteristicKey: "funding" });
    const judgement = panel.judgements.find((j) => j.characteristicKey === "funding")!;
    expect(judgement.carriedOver).toBe(true);
    expect(judgement.updatedByName).toBe(cast.users.expert.name);
    expect(judgement.carriedFrom).toEqual({
      assessmentId: first.id,
      cycle: first.cycle,
      illustrative: false,
      judgedByName: cast.users.expert.name,
      judgedAt: JUDGED_AT,
    });
    const rating = panel.ratings.find((r) => r.characteristicKey === "funding")!;
    expect(rating.carriedFrom).toMatchObject({ judgedByName: cast.users.expert.name, judgedAt: JUDGED_AT });

    // Once confirmed, it is the confirming expert's, and no longer carried over.
    await expert.review.confirmCarriedOver({ assessmentId: next.id, characteristicKey: "funding" });
    const after = await expert.review.panel({ assessmentId: next.id, characteristicKey: "funding" });
    const confirmed = after.judgements.find((j) => j.criterionKey === judgement.criterionKey)!;
    expect(confirmed).toMatchObject({ carriedOver: false, carriedFrom: null, updatedByName: cast.users.expert.name });
  });

  it("mark judgements copied from the illustrative reference data, which no expert made", async () => {
    const { cast, assessment: source } = await makeCastWithAssessment(h.db, {
      ...READY,
      status: "published",
      illustrative: true,
      judged: true,
    });
    const sourceId = source.id;
    const { assessment: next } = await castCaller(h.db, cast, "leadership").workflow.startNextCycle({
      assessmentId: sourceId,
      cycle: "next",
    });
    const panel = await castCaller(h.db, cast, "expert").review.panel({ assessmentId: next.id, characteristicKey: "funding" });
    const judgement = panel.judgements.find((j) => j.characteristicKey === "funding")!;
    expect(judgement.carriedFrom).toMatchObject({ assessmentId: sourceId, illustrative: true, judgedByName: null });
    expect(judgement.carriedFrom?.judgedAt).toBeInstanceOf(Date);
  });
});
