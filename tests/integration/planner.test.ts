import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { criterionJudgements } from "@/db/schema/assessments";
import { planCriteria, plans } from "@/db/schema/plans";
import { currentFramework } from "@/server/scoring/framework-registry";
import { scoreAssessment } from "@/server/scoring/score-assessment";
import type { CharacteristicKey } from "@/shared/domain-values";
import { type CityCast, callerFor, makeAssessment, makeCityCast, makeMember } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

/*
 * The what-if planner: a plan's levels, balance and roadmap are the scoring core's result for the
 * starting judgements with the planned criteria met; who may see, write and publish plans; plan vs
 * actual once the target cycle is judged.
 */

let h: DatabaseHandle;
let db: Db;
const framework = currentFramework();

beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
});
afterAll(() => h.close());

const criteriaOf = (key: CharacteristicKey, level?: string) =>
  framework.characteristics
    .find((c) => c.key === key)!
    .criteria.filter((c) => !level || c.level === level)
    .map((c) => c.key);
const as = (cast: CityCast, who: keyof CityCast["users"]) => callerFor(db, cast.users[who].id);
const planInput = (name: string, keys: string[], ownerId: string | null = null) => ({
  name,
  description: "",
  targetCycle: "2030",
  criteria: keys.map((criterionKey) => ({ criterionKey, ownerId })),
});

/** A city whose current assessment has funding at Basic and every other characteristic not yet addressed. */
async function cityWithAssessment() {
  const cast = await makeCityCast(db);
  const assessment = await makeAssessment(db, {
    cityId: cast.city.id,
    status: "draft",
    cycle: "2025",
    levels: {
      smart_city_strategy: "basic",
      stakeholders: "basic",
      governance: "basic",
      funding: "basic",
      value_assessment: "basic",
      business_models: "basic",
      ict_infrastructure: "basic",
      smart_city_services: "basic",
    },
  });
  const judgements = await db
    .select({ criterionKey: criterionJudgements.criterionKey, judgement: criterionJudgements.judgement })
    .from(criterionJudgements)
    .where(eq(criterionJudgements.assessmentId, assessment.id));
  return { cast, assessment, judgements };
}

describe("planned levels", () => {
  it("equal the scoring core's result for the starting judgements with the planned criteria met", async () => {
    const { cast, judgements } = await cityWithAssessment();
    const planned = [...criteriaOf("ict_infrastructure", "average"), ...criteriaOf("ict_infrastructure", "more_advanced")];
    const plan = await as(cast, "leadership").plans.create({ cityId: cast.city.id, ...planInput("ICT first", planned) });
    const view = await as(cast, "leadership").plans.get({ planId: plan.id });

    const byCore = scoreAssessment(framework, {
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      judgements: [
        ...judgements.filter((j) => !planned.includes(j.criterionKey)),
        ...planned.map((criterionKey) => ({ criterionKey, judgement: "met" as const })),
      ],
    });
    expect(byCore.ok).toBe(true);
    expect(view.planned).toEqual(byCore);
    if (!view.planned.ok || !view.now.ok) throw new Error("scored");
    const ict = view.planned.value.characteristics.find((c) => c.key === "ict_infrastructure")!;
    expect(ict.finalLevel).toBe("more_advanced");
    expect(view.now.value.characteristics.find((c) => c.key === "ict_infrastructure")!.finalLevel).toBe("basic");
    // Two rungs above a median of Basic: the core's balance warning shows up in the plan.
    expect(view.planned.value.balance.flags.map((f) => f.characteristicKey)).toEqual(["ict_infrastructure"]);
    expect(view.now.value.balance.flags).toEqual([]);
  });

  it("respect the staircase: a higher rung ticked without the one below does not raise the level", async () => {
    const { cast } = await cityWithAssessment();
    const leapfrog = criteriaOf("governance", "state_of_the_art");
    const plan = await as(cast, "department").plans.create({ cityId: cast.city.id, ...planInput("Leapfrog", leapfrog) });
    const view = await as(cast, "department").plans.get({ planId: plan.id });
    if (!view.planned.ok) throw new Error("scored");
    const governance = view.planned.value.characteristics.find((c) => c.key === "governance")!;
    expect(governance.finalLevel).toBe("basic");
    expect(governance.aheadOfStaircase).toEqual(leapfrog);
    const step = view.planned.value.roadmap.find((s) => s.characteristicKey === "governance")!;
    expect(step.nextLevel).toBe("average");
  });

  it("compares two plans side by side with the levels each produces", async () => {
    const { cast } = await cityWithAssessment();
    const lead = as(cast, "leadership");
    const a = await lead.plans.create({
      cityId: cast.city.id,
      ...planInput("Plan A: ICT first", criteriaOf("ict_infrastructure", "average")),
    });
    const b = await lead.plans.create({
      cityId: cast.city.id,
      ...planInput("Plan B: governance first", criteriaOf("governance", "average")),
    });
    const result = await lead.plans.compare({ planId: a.id, otherPlanId: b.id });
    const levelOf = (i: number, key: string) => {
      const score = result.plans[i].planned;
      if (!score.ok) throw new Error("scored");
      return score.value.characteristics.find((c) => c.key === key)!.finalLevel;
    };
    expect([levelOf(0, "ict_infrastructure"), levelOf(0, "governance")]).toEqual(["average", "basic"]);
    expect([levelOf(1, "ict_infrastructure"), levelOf(1, "governance")]).toEqual(["basic", "average"]);
  });
});

describe("writing plans", () => {
  it("stores owners who are members of the city and refuses others, storing nothing", async () => {
    const { cast } = await cityWithAssessment();
    const lead = as(cast, "leadership");
    const keys = criteriaOf("funding", "average");
    const plan = await lead.plans.create({ cityId: cast.city.id, ...planInput("Owned", keys, cast.users.department.id) });
    const view = await lead.plans.get({ planId: plan.id });
    expect(view.criteria.map((c) => c.ownerName)).toEqual(keys.map(() => cast.users.department.name));

    const before = await db.select().from(plans).where(eq(plans.cityId, cast.city.id));
    await expectTrpcError(
      lead.plans.create({ cityId: cast.city.id, ...planInput("Outsider owns", keys, cast.users.outsider.id) }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      lead.plans.create({ cityId: cast.city.id, ...planInput("Citizen owns", keys, cast.users.citizen.id) }),
      "BAD_REQUEST",
    );
    await expectTrpcError(lead.plans.create({ cityId: cast.city.id, ...planInput("Unknown", ["no_such.criterion.1"]) }), "BAD_REQUEST");
    await expectTrpcError(lead.plans.create({ cityId: cast.city.id, ...planInput("", keys) }), "BAD_REQUEST");
    expect(await db.select().from(plans).where(eq(plans.cityId, cast.city.id))).toHaveLength(before.length);
  });

  it("refuses a stale edit and keeps the newer version", async () => {
    const { cast } = await cityWithAssessment();
    const plan = await as(cast, "leadership").plans.create({ cityId: cast.city.id, ...planInput("v1", criteriaOf("funding", "average")) });
    await as(cast, "department").plans.update({ planId: plan.id, ...planInput("v2", []), expectedVersion: 1 });
    await expectTrpcError(as(cast, "leadership").plans.update({ planId: plan.id, ...planInput("v3", []), expectedVersion: 1 }), "CONFLICT");
    const [row] = await db.select().from(plans).where(eq(plans.id, plan.id));
    expect(row).toMatchObject({ name: "v2", version: 2 });
    expect(await db.select().from(planCriteria).where(eq(planCriteria.planId, plan.id))).toEqual([]);
  });

  it("refuses other cities, citizens, partners and experts, and lets only leadership publish", async () => {
    const { cast } = await cityWithAssessment();
    const plan = await as(cast, "department").plans.create({ cityId: cast.city.id, ...planInput("Dept plan", []) });
    const edit = { planId: plan.id, ...planInput("Taken over", []), expectedVersion: 1 };
    await expectTrpcError(as(cast, "outsider").plans.update(edit), "NOT_FOUND");
    await expectTrpcError(as(cast, "citizen").plans.update(edit), "FORBIDDEN");
    await expectTrpcError(as(cast, "partner").plans.update(edit), "FORBIDDEN");
    await expectTrpcError(as(cast, "expert").plans.update(edit), "FORBIDDEN");
    await expectTrpcError(as(cast, "outsider").plans.create({ cityId: cast.city.id, ...planInput("x", []) }), "NOT_FOUND");
    await expectTrpcError(as(cast, "partner").plans.create({ cityId: cast.city.id, ...planInput("x", []) }), "FORBIDDEN");
    await expectTrpcError(as(cast, "department").plans.publish({ planId: plan.id }), "FORBIDDEN");
    const [row] = await db.select().from(plans).where(eq(plans.id, plan.id));
    expect(row).toMatchObject({ name: "Dept plan", publishedAt: null });
    expect((await as(cast, "leadership").plans.publish({ planId: plan.id })).publishedAt).toBeInstanceOf(Date);
  });
});

describe("privacy", () => {
  it("keeps a plan private to the city's planners until leadership publishes it, and private again after unpublishing", async () => {
    const { cast } = await cityWithAssessment();
    const lead = as(cast, "leadership");
    const plan = await lead.plans.create({
      cityId: cast.city.id,
      ...planInput("Quiet plan", criteriaOf("funding", "average"), cast.users.department.id),
    });
    const stranger = await callerFor(db, (await makeMember(db, cast.otherCity.id, "citizen")).id);
    for (const caller of [as(cast, "outsider"), as(cast, "signedIn"), stranger]) {
      await expectTrpcError(caller.plans.get({ planId: plan.id }), "NOT_FOUND");
      expect((await caller.plans.list({ cityId: cast.city.id })).items).toEqual([]);
    }
    await expectTrpcError(as(cast, "citizen").plans.get({ planId: plan.id }), "FORBIDDEN");
    await expectTrpcError(as(cast, "partner").plans.planVsActual({ planId: plan.id }), "FORBIDDEN");

    await lead.plans.publish({ planId: plan.id });
    const seen = await as(cast, "signedIn").plans.get({ planId: plan.id });
    expect(seen.plan.name).toBe("Quiet plan");
    // Owners are the city's business: the public sees the criteria, not who owns them.
    expect(seen.criteria.every((c) => c.ownerId === null && c.ownerName === null)).toBe(true);
    expect(seen.canWrite).toBe(false);
    expect((await as(cast, "citizen").plans.list({ cityId: cast.city.id })).items.map((p) => p.id)).toEqual([plan.id]);

    await lead.plans.unpublish({ planId: plan.id });
    await expectTrpcError(as(cast, "signedIn").plans.get({ planId: plan.id }), "NOT_FOUND");
  });
});

describe("plan vs actual", () => {
  it("sorts the criteria into planned & met, planned & not met, and met without a plan", async () => {
    const { cast, assessment } = await cityWithAssessment();
    const [planMet, planMissed] = [...criteriaOf("funding", "average"), ...criteriaOf("funding", "more_advanced")];
    const [unplanned] = criteriaOf("governance", "average");
    const plan = await as(cast, "leadership").plans.create({ cityId: cast.city.id, ...planInput("Funding", [planMet, planMissed]) });
    expect((await as(cast, "leadership").plans.planVsActual({ planId: plan.id })).actual).toBeNull();

    const { moveAssessmentTo } = await import("../helpers/factories");
    await moveAssessmentTo(db, assessment.id, "published");
    const next = await makeAssessment(db, { cityId: cast.city.id, status: "draft", cycle: "2030" });
    const judge = (criterionKey: string, judgement: "met" | "partially_met") => ({
      cityId: cast.city.id,
      assessmentId: next.id,
      characteristicKey: framework.characteristics.find((c) => c.criteria.some((k) => k.key === criterionKey))!.key,
      criterionKey,
      judgement,
    });
    await db.insert(criterionJudgements).values([judge(planMet, "met"), judge(planMissed, "partially_met"), judge(unplanned, "met")]);

    const result = await as(cast, "department").plans.planVsActual({ planId: plan.id });
    expect(result.actual?.cycle).toBe("2030");
    expect(result.rows.map((r) => [r.criterionKey, r.outcome])).toEqual([
      [unplanned, "met_without_plan"],
      [planMet, "planned_met"],
      [planMissed, "planned_not_met"],
    ]);
  });
});
