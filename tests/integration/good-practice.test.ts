import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { goodPracticeMessages } from "@/db/schema/good-practice";
import { notifications } from "@/db/schema/notifications";
import { GOOD_PRACTICE_MESSAGES_PER_HOUR } from "@/server/good-practice/good-practice-schemas";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { EvidenceStatus } from "@/shared/domain-values";
import { callerFor, type LevelsInput, makeAssessment, makeCity, makeCityCast, makeMember, moveAssessmentTo } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
let db: Db;

const funding = currentFramework().characteristics.find((c) => c.key === "funding")!;
const FUNDING_BASIC = funding.criteria.filter((c) => c.level === "basic").map((c) => c.key);
const FUNDING_AVERAGE = funding.criteria.filter((c) => c.level === "average").map((c) => c.key);

const HOME: LevelsInput = { smart_city_strategy: "average", stakeholders: "basic", governance: "basic", funding: "basic" };

async function addEvidence(
  a: { id: string; cityId: string },
  authorId: string,
  status: EvidenceStatus,
  title: string,
  criterionKeys: string[],
) {
  const [row] = await db
    .insert(evidence)
    .values({
      cityId: a.cityId,
      assessmentId: a.id,
      characteristicKey: "funding",
      kind: "narrative",
      status,
      authorId,
      authorRole: "department",
      title,
    })
    .returning();
  await db
    .insert(evidenceRevisions)
    .values({ cityId: a.cityId, evidenceId: row.id, revision: 1, title, payload: { text: title }, criterionKeys, createdBy: authorId });
  return row;
}

const day = (n: number) => new Date(Date.UTC(2024, 0, n));

/**
 * Home: a draft at funding basic. Peer A (EU): funding basic → average over two published cycles,
 * and a newer draft at state of the art (unpublished: must not count). Peer B (China): one published
 * cycle, a distant profile. Peer C: was already past basic the cycle before. Peer D: approved, not published.
 */
async function makeWorld() {
  const home = await makeCityCast(db, { region: "EU" });
  const a = await makeCityCast(db, { name: `Aalborg ${crypto.randomUUID().slice(0, 6)}`, region: "EU" });
  const secondLeaderOfA = await makeMember(db, a.city.id, "leadership");
  const b = await makeCityCast(db, { region: "China" });
  const c = await makeCity(db, { region: "EU" });
  const d = await makeCity(db, { region: "EU" });
  const dept = a.users.department.id;

  await makeAssessment(db, { cityId: home.city.id, status: "draft", levels: HOME, createdAt: day(1) });

  await makeAssessment(db, { cityId: a.city.id, status: "published", cycle: "2022", levels: HOME, createdAt: day(1) });
  const aLatest = await makeAssessment(db, {
    cityId: a.city.id,
    status: "approved",
    cycle: "2023",
    levels: { ...HOME, funding: "average" },
    createdAt: day(2),
  });
  await addEvidence(aLatest, dept, "accepted", "Smart projects budget line", [FUNDING_AVERAGE[0]]);
  await addEvidence(aLatest, dept, "submitted", "Funding plan under review", [FUNDING_AVERAGE[0]]);
  await addEvidence(aLatest, dept, "rejected", "Rejected funding memo", [FUNDING_AVERAGE[0]]);
  await addEvidence(aLatest, dept, "accepted", "Basic funding memo", [FUNDING_BASIC[0]]);
  await moveAssessmentTo(db, aLatest.id, "published");
  const aDraft = await makeAssessment(db, {
    cityId: a.city.id,
    status: "draft",
    cycle: "2024",
    levels: { ...HOME, funding: "state_of_the_art" },
    createdAt: day(3),
  });
  await addEvidence(aDraft, dept, "accepted", "Unpublished draft evidence", [FUNDING_AVERAGE[0]]);

  await makeAssessment(db, {
    cityId: b.city.id,
    status: "published",
    cycle: "2023",
    levels: { smart_city_strategy: "state_of_the_art", stakeholders: "more_advanced", governance: "average", funding: "more_advanced" },
  });
  await makeAssessment(db, {
    cityId: c.id,
    status: "published",
    cycle: "2022",
    levels: { ...HOME, funding: "average" },
    createdAt: day(1),
  });
  await makeAssessment(db, {
    cityId: c.id,
    status: "published",
    cycle: "2023",
    levels: { ...HOME, funding: "more_advanced" },
    createdAt: day(2),
  });
  await makeAssessment(db, { cityId: d.id, status: "approved", cycle: "2023", levels: { ...HOME, funding: "average" } });
  return { home, a, secondLeaderOfA, b, c, d };
}
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
  w = await makeWorld();
});
afterAll(() => h.close());

const asHome = (who: "leadership" | "department" | "partner" | "citizen") => callerFor(db, w.home.users[who].id);

describe("good-practice finder", () => {
  it("lists the cities that made the next step, most similar first, from published assessments only", async () => {
    const finder = await asHome("leadership").goodPractice.finder({ cityId: w.home.city.id });
    const step = finder.steps.find((s) => s.characteristicKey === "funding")!;
    expect(step).toMatchObject({ currentLevel: "basic", nextLevel: "average" });
    // C was already past basic the cycle before; D never published; A's newer draft does not count.
    expect(step.peers.map((p) => p.city.id)).toEqual([w.a.city.id, w.b.city.id]);
    const [peerA, peerB] = step.peers;
    expect(peerA).toMatchObject({ cycle: "2023", previousCycle: "2022", levelBefore: "basic", levelAfter: "average", distance: 1 });
    expect(peerB).toMatchObject({ previousCycle: null, levelBefore: "not_assessed", levelAfter: "more_advanced" });
    expect(peerA.similarity!).toBeGreaterThan(peerB.similarity!);
    expect(peerA.criteriaMet).toEqual(FUNDING_AVERAGE);
  });

  it("lists only accepted evidence of the published assessment behind the target rung's criteria", async () => {
    const finder = await asHome("department").goodPractice.finder({ cityId: w.home.city.id });
    const peerA = finder.steps.find((s) => s.characteristicKey === "funding")!.peers.find((p) => p.city.id === w.a.city.id)!;
    expect(peerA.evidence.map((e) => e.title)).toEqual(["Smart projects budget line"]);
    expect(peerA.evidence[0].criterionKeys).toEqual([FUNDING_AVERAGE[0]]);
    const everyTitle = finder.steps.flatMap((s) => s.peers.flatMap((p) => p.evidence.map((e) => e.title)));
    for (const hidden of ["Funding plan under review", "Rejected funding memo", "Unpublished draft evidence", "Basic funding memo"]) {
      expect(everyTitle).not.toContain(hidden);
    }
  });

  it("filters peers by region, and leaves a step empty when no peer made it", async () => {
    const eu = await asHome("leadership").goodPractice.finder({ cityId: w.home.city.id, region: "EU" });
    expect(eu.steps.find((s) => s.characteristicKey === "funding")!.peers.map((p) => p.city.id)).toEqual([w.a.city.id]);
    const china = await asHome("leadership").goodPractice.finder({ cityId: w.home.city.id, region: "China" });
    expect(china.steps.find((s) => s.characteristicKey === "funding")!.peers.map((p) => p.city.id)).toEqual([w.b.city.id]);
    const other = await asHome("leadership").goodPractice.finder({ cityId: w.home.city.id, region: "other" });
    expect(other.steps.length).toBeGreaterThan(0);
    expect(other.steps.every((s) => s.peers.length === 0)).toBe(true);
  });

  it("refuses partners, citizens and non-members, and rejects an unknown region", async () => {
    await expectTrpcError(asHome("partner").goodPractice.finder({ cityId: w.home.city.id }), "FORBIDDEN");
    await expectTrpcError(asHome("citizen").goodPractice.finder({ cityId: w.home.city.id }), "FORBIDDEN");
    await expectTrpcError(callerFor(db, w.a.users.leadership.id).goodPractice.finder({ cityId: w.home.city.id }), "NOT_FOUND");
    await expectTrpcError(callerFor(db, null).goodPractice.finder({ cityId: w.home.city.id }), "UNAUTHORIZED");
    // @ts-expect-error: not a region
    await expectTrpcError(asHome("leadership").goodPractice.finder({ cityId: w.home.city.id, region: "Mars" }), "BAD_REQUEST");
  });
});

describe("contacting a peer's leadership group", () => {
  const body = "How did you set up the budget line for smart projects? We would like to learn from you.";

  it("stores the message and notifies the target city's leadership members only, who read it in their inbox", async () => {
    const sent = await asHome("department").goodPractice.contact({
      cityId: w.home.city.id,
      targetCityId: w.a.city.id,
      characteristicKey: "funding",
      body,
    });
    expect(sent.recipients).toBe(2);
    const told = await db.select().from(notifications).where(eq(notifications.kind, "good_practice_message"));
    expect(told.map((n) => n.userId).sort()).toEqual([w.a.users.leadership.id, w.secondLeaderOfA.id].sort());
    expect(told[0].params).toEqual({ cityName: w.home.city.name, actorName: w.home.users.department.name });
    expect(JSON.stringify(told)).not.toContain(w.home.users.department.email);

    const inbox = await callerFor(db, w.secondLeaderOfA.id).goodPractice.inbox({ cityId: w.a.city.id });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      body,
      characteristicKey: "funding",
      senderRole: "department",
      senderName: w.home.users.department.name,
      senderCity: { slug: w.home.city.slug },
    });
    expect(JSON.stringify(inbox)).not.toContain(w.home.users.department.email);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "good_practice.message"), eq(auditEvents.entityId, sent.id)));
    expect(event.actorId).toBe(w.home.users.department.id);
  });

  it("keeps the inbox to the target city's leadership", async () => {
    await expectTrpcError(callerFor(db, w.a.users.department.id).goodPractice.inbox({ cityId: w.a.city.id }), "FORBIDDEN");
    await expectTrpcError(asHome("leadership").goodPractice.inbox({ cityId: w.a.city.id }), "NOT_FOUND");
    const own = await asHome("leadership").goodPractice.inbox({ cityId: w.home.city.id });
    expect(own.items).toEqual([]);
  });

  it("refuses partners and citizens, bad bodies, the own city and cities without a published assessment, storing nothing", async () => {
    const before = await db.select().from(goodPracticeMessages);
    const input = { cityId: w.home.city.id, targetCityId: w.a.city.id, body };
    await expectTrpcError(asHome("partner").goodPractice.contact(input), "FORBIDDEN");
    await expectTrpcError(asHome("citizen").goodPractice.contact(input), "FORBIDDEN");
    await expectTrpcError(callerFor(db, w.b.users.leadership.id).goodPractice.contact(input), "NOT_FOUND");
    await expectTrpcError(asHome("leadership").goodPractice.contact({ ...input, body: "Hi" }), "BAD_REQUEST");
    await expectTrpcError(asHome("leadership").goodPractice.contact({ ...input, body: "x".repeat(2001) }), "BAD_REQUEST");
    await expectTrpcError(asHome("leadership").goodPractice.contact({ ...input, targetCityId: w.home.city.id }), "BAD_REQUEST");
    await expectTrpcError(asHome("leadership").goodPractice.contact({ ...input, targetCityId: w.d.id }), "NOT_FOUND");
    await expectTrpcError(asHome("leadership").goodPractice.contact({ ...input, targetCityId: crypto.randomUUID() }), "NOT_FOUND");
    expect(await db.select().from(goodPracticeMessages)).toHaveLength(before.length);
  });

  it(`allows ${GOOD_PRACTICE_MESSAGES_PER_HOUR} messages an hour per sender, then refuses`, async () => {
    const sender = callerFor(db, w.b.users.leadership.id);
    const input = { cityId: w.b.city.id, targetCityId: w.a.city.id, body: "A question about your funding step, please." };
    for (let i = 0; i < GOOD_PRACTICE_MESSAGES_PER_HOUR; i++) await sender.goodPractice.contact(input);
    await expectTrpcError(sender.goodPractice.contact(input), "TOO_MANY_REQUESTS");
    const stored = await db.select().from(goodPracticeMessages).where(eq(goodPracticeMessages.senderId, w.b.users.leadership.id));
    expect(stored).toHaveLength(GOOD_PRACTICE_MESSAGES_PER_HOUR);
  });
});
