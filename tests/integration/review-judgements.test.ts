import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { criterionJudgements } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { currentFramework } from "@/server/scoring/framework-registry";
import { scoreAssessment } from "@/server/scoring/score-assessment";
import { fieldErrorsOf, SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { callerFor, castCaller, makeCastWithAssessment, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
const framework = currentFramework();
const strategy = framework.characteristics.find((c) => c.key === "smart_city_strategy")!;
const basicStrategyCriteria = strategy.criteria.filter((c) => c.level === "basic").map((c) => c.key);

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function setup() {
  const { cast, assessment } = await makeCastWithAssessment(h.db);
  const [expert, department] = (["expert", "department"] as const).map((who) => castCaller(h.db, cast, who));
  const secondExpert = callerFor(h.db, (await makeUser(h.db, { globalRole: "expert" })).id);
  const acceptedEvidence = async (characteristicKey: "smart_city_strategy" | "funding" = "smart_city_strategy") => {
    const item = await department.evidence.submit({ assessmentId: assessment.id, characteristicKey, ...SAMPLE_CONTENT.link });
    await expert.review.decide({ evidenceId: item.id, revision: 1, decision: "accepted" });
    return item;
  };
  return { cast, assessment, expert, secondExpert, department, acceptedEvidence };
}

function levelOf(
  score: { ok: boolean; value?: { characteristics: { key: string; derivedLevel: string; finalLevel: string }[] } },
  key: string,
) {
  expect(score.ok).toBe(true);
  return score.value!.characteristics.find((c) => c.key === key)!;
}

describe("criterion judgements", () => {
  it("returns the scoring core's derived level with every save, so the page can show it change", async () => {
    const { assessment, expert } = await setup();
    let last: Awaited<ReturnType<typeof expert.review.saveJudgement>> | undefined;
    for (const criterionKey of basicStrategyCriteria) {
      expect(last ? levelOf(last.score, "smart_city_strategy").derivedLevel : "not_assessed").not.toBe("basic");
      last = await expert.review.saveJudgement({ assessmentId: assessment.id, criterionKey, judgement: "met", expectedVersion: null });
    }
    expect(levelOf(last!.score, "smart_city_strategy").derivedLevel).toBe("basic");
    const direct = scoreAssessment(framework, {
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      judgements: basicStrategyCriteria.map((criterionKey) => ({ criterionKey, judgement: "met" as const })),
    });
    expect(last!.score).toEqual(direct);

    const panel = await expert.review.panel({ assessmentId: assessment.id, characteristicKey: "smart_city_strategy" });
    expect(panel.judgements.map((j) => j.criterionKey).sort()).toEqual([...basicStrategyCriteria].sort());
    expect(panel.score).toEqual(direct);
  });

  it("links only accepted evidence of the same assessment", async () => {
    const { assessment, expert, department, acceptedEvidence } = await setup();
    const pending = await department.evidence.submit({
      assessmentId: assessment.id,
      characteristicKey: "smart_city_strategy",
      ...SAMPLE_CONTENT.link,
    });
    const other = await setup();
    const elsewhere = await other.acceptedEvidence();

    for (const evidenceIds of [[pending.id], [elsewhere.id]]) {
      const error = await expert.review
        .saveJudgement({
          assessmentId: assessment.id,
          criterionKey: basicStrategyCriteria[0],
          judgement: "met",
          evidenceIds,
          expectedVersion: null,
        })
        .catch((e: unknown) => e);
      expect((error as { code: string }).code).toBe("BAD_REQUEST");
      expect(fieldErrorsOf(error).evidenceIds).toEqual(["Only accepted evidence of this assessment can support a judgement."]);
    }
    expect(await h.db.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, assessment.id))).toEqual([]);

    const good = await acceptedEvidence();
    const saved = await expert.review.saveJudgement({
      assessmentId: assessment.id,
      criterionKey: basicStrategyCriteria[0],
      judgement: "met",
      note: "Strategy document approved by the council.",
      evidenceIds: [good.id, good.id],
      expectedVersion: null,
    });
    expect(saved.judgement.evidenceIds).toEqual([good.id]);
  });

  it("refuses a criterion that is not in the assessment's framework edition", async () => {
    const { assessment, expert } = await setup();
    const error = await expert.review
      .saveJudgement({ assessmentId: assessment.id, criterionKey: "smart_city_strategy.basic.99", judgement: "met", expectedVersion: null })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(error).criterionKey?.[0]).toMatch(/Unknown criterion/);
  });

  it("gives the second of two experts editing the same judgement a conflict showing the newer value", async () => {
    const { assessment, expert, secondExpert } = await setup();
    const criterionKey = basicStrategyCriteria[0];
    const first = await expert.review.saveJudgement({
      assessmentId: assessment.id,
      criterionKey,
      judgement: "partially_met",
      expectedVersion: null,
    });
    expect(first.judgement.version).toBe(1);

    // Both experts opened version 1; the first to save wins.
    await expert.review.saveJudgement({
      assessmentId: assessment.id,
      criterionKey,
      judgement: "met",
      note: "Confirmed on site.",
      expectedVersion: 1,
    });
    const error = (await secondExpert.review
      .saveJudgement({ assessmentId: assessment.id, criterionKey, judgement: "not_met", expectedVersion: 1 })
      .catch((e: unknown) => e)) as {
      code: string;
      message: string;
      cause: { details: { current: { judgement: string; note: string; version: number } } };
    };
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/changed by .* while you were editing \(now version 2\)/);
    expect(error.cause.details.current).toMatchObject({ judgement: "met", note: "Confirmed on site.", version: 2 });

    const [stored] = await h.db.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, assessment.id));
    expect(stored).toMatchObject({ judgement: "met", version: 2 });
  });

  it("gives the second of two first saves of the same judgement a conflict", async () => {
    const { assessment, expert, secondExpert } = await setup();
    const criterionKey = basicStrategyCriteria[1];
    await expert.review.saveJudgement({ assessmentId: assessment.id, criterionKey, judgement: "met", expectedVersion: null });
    await expect(
      secondExpert.review.saveJudgement({ assessmentId: assessment.id, criterionKey, judgement: "not_met", expectedVersion: null }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("rated levels", () => {
  it("overrides the derived level with a justified rating and falls back when cleared", async () => {
    const { assessment, expert } = await setup();
    const rated = await expert.review.saveRating({
      assessmentId: assessment.id,
      characteristicKey: "funding",
      level: "average",
      justification: "Dedicated smart city fund and EU co-financing.",
      expectedVersion: null,
    });
    expect(levelOf(rated.score, "funding")).toMatchObject({ derivedLevel: "not_assessed", finalLevel: "average" });

    const cleared = await expert.review.clearRating({
      assessmentId: assessment.id,
      characteristicKey: "funding",
      expectedVersion: rated.rating.version,
    });
    expect(levelOf(cleared.score, "funding")).toMatchObject({ finalLevel: "not_assessed" });
  });

  it("gives the second of two experts rating the same characteristic a conflict showing the newer value", async () => {
    const { assessment, expert, secondExpert } = await setup();
    const base = { assessmentId: assessment.id, characteristicKey: "governance" as const };
    await expert.review.saveRating({ ...base, level: "basic", justification: "Steering group exists.", expectedVersion: null });
    await expert.review.saveRating({ ...base, level: "average", justification: "Steering group meets monthly.", expectedVersion: 1 });
    const error = (await secondExpert.review
      .saveRating({ ...base, level: "more_advanced", justification: "Cross-department programme office.", expectedVersion: 1 })
      .catch((e: unknown) => e)) as { code: string; cause: { details: { current: { level: string; version: number } } } };
    expect(error.code).toBe("CONFLICT");
    expect(error.cause.details.current).toMatchObject({ level: "average", version: 2 });
  });

  it("requires a justification and refuses to rate a characteristic without maturity criteria", async () => {
    const { assessment, expert } = await setup();
    const missing = await expert.review
      .saveRating({ assessmentId: assessment.id, characteristicKey: "funding", level: "basic", justification: "", expectedVersion: null })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(missing).justification?.[0]).toMatch(/Justify the rating/);
    const unrateable = framework.characteristics.find((c) => !c.rateable)!;
    const error = await expert.review
      .saveRating({
        assessmentId: assessment.id,
        characteristicKey: unrateable.key,
        level: "basic",
        justification: "Laws are in place.",
        expectedVersion: null,
      })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(error).level?.[0]).toMatch(/reported unrated/);
  });
});

describe("the review queue", () => {
  it("lists submitted evidence across cities oldest first, with filters and stable pages", async () => {
    const a = await setup();
    const b = await setup();
    const submitted: string[] = [];
    for (const [i, ctx] of [a, b, a, b, a].entries()) {
      const item = await ctx.department.evidence.submit({
        assessmentId: ctx.assessment.id,
        characteristicKey: i % 2 ? "funding" : "governance",
        ...(i === 4 ? SAMPLE_CONTENT.kpi : SAMPLE_CONTENT.link),
        title: `Queue item ${i}`,
      });
      // Spread submission times so "oldest first" and the age filter are observable.
      await h.db
        .update(evidence)
        .set({ submittedAt: new Date(Date.UTC(2020, 0, 1 + i)) })
        .where(eq(evidence.id, item.id));
      submitted.push(item.id);
    }
    const expert = a.expert;
    const ours = (items: { id: string }[]) => items.map((i) => i.id).filter((id) => submitted.includes(id));

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await expert.review.queue({ limit: 2, cursor });
      pages.push(...ours(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(submitted);

    expect(ours((await expert.review.queue({ cityId: a.cast.city.id })).items)).toEqual([submitted[0], submitted[2], submitted[4]]);
    expect(ours((await expert.review.queue({ characteristicKey: "funding" })).items)).toEqual([submitted[1], submitted[3]]);
    expect(ours((await expert.review.queue({ kind: "kpi" })).items)).toEqual([submitted[4]]);
    const ageCutoff = Math.floor((Date.now() - Date.UTC(2020, 0, 3)) / 86_400_000);
    expect(ours((await expert.review.queue({ minAgeDays: ageCutoff })).items)).toEqual([submitted[0], submitted[1], submitted[2]]);

    await expert.review.decide({ evidenceId: submitted[0], revision: 1, decision: "accepted" });
    expect(ours((await expert.review.queue({})).items)).not.toContain(submitted[0]);
    expect(ours((await expert.review.queue({ status: "accepted" })).items)).toEqual([submitted[0]]);
  });

  it("lists the assessments under way with how much evidence waits in each", async () => {
    const { assessment, department, expert } = await setup();
    await department.evidence.submit({ assessmentId: assessment.id, characteristicKey: "funding", ...SAMPLE_CONTENT.link });
    await department.evidence.submit({ assessmentId: assessment.id, characteristicKey: "funding", ...SAMPLE_CONTENT.kpi });
    const under = await expert.review.assessmentsUnderWay();
    expect(under.find((r) => r.id === assessment.id)).toMatchObject({ status: "draft", waiting: 2 });
  });
});
