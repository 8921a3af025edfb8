import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { criterionJudgements } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import { currentFramework } from "@/server/scoring/framework-registry";
import { callerFor, makeAssessment, makeCity, makeMember, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * The public reads reuse the scores and evidence of published assessments (they are frozen). The
 * cache must never serve an old figure: withdrawing, correcting and republishing an assessment
 * through the workflow must show the corrected levels on the next read.
 */
describe("public reads of a republished assessment", () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(() => h.close());

  it("shows the corrected levels after unpublish, correction and republication", async () => {
    const framework = currentFramework();
    const city = await makeCity(h.db);
    const leader = await makeMember(h.db, city.id, "leadership");
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const assessment = await makeAssessment(h.db, { cityId: city.id, cycle: "2025", status: "approved" });
    const strategy = framework.characteristics.find((c) => c.key === "smart_city_strategy")!;
    await h.db.insert(criterionJudgements).values(
      strategy.criteria.map((c) => ({
        cityId: city.id,
        assessmentId: assessment.id,
        characteristicKey: strategy.key,
        criterionKey: c.key,
        judgement: "not_met" as const,
      })),
    );
    await callerFor(h.db, leader.id).workflow.publish({ assessmentId: assessment.id });

    const anonymous = callerFor(h.db, null);
    const before = await anonymous.public.assessment({ id: assessment.id });
    expect(before.levels.smart_city_strategy).toBe("not_yet_addressed");
    // Read twice so the frozen score is certainly cached.
    expect((await anonymous.public.city({ slug: city.slug })).latestAssessment?.levels.smart_city_strategy).toBe("not_yet_addressed");

    await callerFor(h.db, admin.id).workflow.unpublish({ assessmentId: assessment.id, reason: "Correcting the strategy judgements" });
    await h.db
      .update(criterionJudgements)
      .set({ judgement: "met" })
      .where(and(eq(criterionJudgements.assessmentId, assessment.id), eq(criterionJudgements.characteristicKey, strategy.key)));
    await callerFor(h.db, leader.id).workflow.publish({ assessmentId: assessment.id });

    const after = await anonymous.public.assessment({ id: assessment.id });
    expect(after.levels.smart_city_strategy).toBe("state_of_the_art");
    expect((await anonymous.public.city({ slug: city.slug })).latestAssessment?.levels.smart_city_strategy).toBe("state_of_the_art");
    expect((await anonymous.public.benchmark({})).assessmentCount).toBeGreaterThan(0);
  });

  it("shows a renamed city under its new name on its page and its assessment", async () => {
    const city = await makeCity(h.db);
    const leader = await makeMember(h.db, city.id, "leadership");
    const assessment = await makeAssessment(h.db, { cityId: city.id, cycle: "2025", status: "approved" });
    await callerFor(h.db, leader.id).workflow.publish({ assessmentId: assessment.id });
    const anonymous = callerFor(h.db, null);
    expect((await anonymous.public.city({ slug: city.slug })).city.name).toBe(city.name);
    expect((await anonymous.public.assessment({ id: assessment.id })).city.name).toBe(city.name);

    await h.db
      .update(cities)
      .set({ name: `${city.name} Renamed`, population: 123_456 })
      .where(eq(cities.id, city.id));
    const page = await anonymous.public.city({ slug: city.slug });
    expect(page.city).toMatchObject({ name: `${city.name} Renamed`, population: 123_456 });
    expect((await anonymous.public.assessment({ id: assessment.id })).city.name).toBe(`${city.name} Renamed`);
  });
});
