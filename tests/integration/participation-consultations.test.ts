import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { consultations, feedback, feedbackSupports } from "@/db/schema/participation";
import {
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  futureDate,
  makeAssessment,
  makeCityCast,
  makeConsultation,
  makeMember,
  makeUser,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError, type Outcome, outcomeOf } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const openInput = (characteristicKeys: string[] = ["stakeholders", "smart_city_services"]) => ({
  question: "How well does the city involve you when it designs digital services?",
  summary: "We are assessing how the city works with residents. Your answers go to the leadership group.",
  characteristicKeys: characteristicKeys as ("stakeholders" | "smart_city_services")[],
  closesOn: futureDate(14),
});

describe("opening a consultation", () => {
  let cast: CityCast;
  beforeAll(async () => {
    cast = await makeCityCast(h.db);
  });

  it("lets the leadership group open one on its draft assessment, audited, and lists it as open to everyone", async () => {
    const draft = await makeAssessment(h.db, { cityId: cast.city.id, status: "draft" });
    const { id } = await callerFor(h.db, cast.users.leadership.id).consultations.open({ assessmentId: draft.id, ...openInput() });
    const [row] = await h.db.select().from(consultations).where(eq(consultations.id, id));
    expect(row.characteristicKeys).toEqual(["stakeholders", "smart_city_services"]);
    expect(row.closesAt.toISOString()).toBe(`${futureDate(14)}T23:59:59.999Z`);
    const [event] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "consultation.open")));
    expect(event.actorRole).toBe("leadership");
    const open = await callerFor(h.db, null).consultations.listOpen({ cityId: cast.city.id });
    expect(open.items.map((c) => c.id)).toContain(id);
    const detail = await callerFor(h.db, null).consultations.get({ consultationId: id });
    expect(detail).toMatchObject({ isOpen: true, city: { id: cast.city.id }, viewer: { signedIn: false, canSummarise: false } });
    expect(detail.viewer.submitRefusal).toBe("sign_in");
  });

  it("refuses a consultation on an assessment that is no longer a draft", async () => {
    const city = await makeCityCast(h.db);
    const inReview = await makeAssessment(h.db, { cityId: city.city.id, status: "in_review" });
    const error = await expectTrpcError(
      callerFor(h.db, city.users.leadership.id).consultations.open({ assessmentId: inReview.id, ...openInput() }),
      "CONFLICT",
    );
    expect(error.message).toMatch(/draft/);
  });

  it("explains bad input on the fields and writes nothing", async () => {
    const city = await makeCityCast(h.db);
    const draft = await makeAssessment(h.db, { cityId: city.city.id, status: "draft" });
    const error = await expectTrpcError(
      callerFor(h.db, city.users.leadership.id).consultations.open({
        assessmentId: draft.id,
        question: "Why?",
        summary: "Short",
        characteristicKeys: [],
        closesOn: "2001-01-01",
      }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("Ask a question of at least 10 characters.");
    expect(error.message).toContain("Choose at least one characteristic.");
    expect(error.message).toContain("The closing date cannot be in the past.");
    // Cast kept: tRPC types `cause` as Error; for input errors it is the ZodError, whose issues we read.
    const fields = (error.cause as unknown as { issues: { path: string[] }[] }).issues.map((i) => i.path.join("."));
    expect(new Set(fields)).toEqual(new Set(["question", "summary", "characteristicKeys", "closesOn"]));
    expect(await h.db.select().from(consultations).where(eq(consultations.assessmentId, draft.id))).toHaveLength(0);
  });

  it("lets the leadership group close it early; then it takes no more feedback", async () => {
    const draft = await makeAssessment(h.db, { cityId: (await makeCityCast(h.db)).city.id, status: "draft" });
    const leader = await makeMember(h.db, draft.cityId, "leadership");
    const { id } = await callerFor(h.db, leader.id).consultations.open({ assessmentId: draft.id, ...openInput() });
    await callerFor(h.db, leader.id).consultations.close({ consultationId: id });
    await expectTrpcError(callerFor(h.db, leader.id).consultations.close({ consultationId: id }), "CONFLICT");
    const citizen = await makeUser(h.db);
    const error = await expectTrpcError(
      callerFor(h.db, citizen.id).consultations.submitFeedback({ consultationId: id, characteristicKey: "stakeholders", body: "Late" }),
      "FORBIDDEN",
    );
    expect(error.message).toMatch(/closed/);
    const open = await callerFor(h.db, null).consultations.listOpen({ cityId: draft.cityId });
    expect(open.items.map((c) => c.id)).not.toContain(id);
  });
});

describe("answering and supporting", () => {
  let cast: CityCast;
  let consultationId: string;
  beforeAll(async () => {
    cast = await makeCityCast(h.db);
    const draft = await makeAssessment(h.db, { cityId: cast.city.id, status: "draft" });
    consultationId = (await makeConsultation(h.db, draft, cast.users.leadership.id)).id;
  });

  it("takes a citizen's feedback with a rating and a suggestion of a service", async () => {
    const { id } = await callerFor(h.db, cast.users.citizen.id).consultations.submitFeedback({
      consultationId,
      characteristicKey: "smart_city_services",
      body: "Booking a sports hall online still needs a paper form.",
      rating: 2,
      suggestion: "An online booking service for sports halls",
    });
    const list = await callerFor(h.db, null).consultations.feedback({ consultationId });
    expect(list.items.find((f) => f.id === id)).toMatchObject({
      rating: 2,
      suggestion: "An online booking service for sports halls",
      supportCount: 0,
      state: "visible",
    });
  });

  it("refuses feedback on a characteristic the consultation does not ask about, and a rating outside 1–5", async () => {
    const caller = callerFor(h.db, cast.users.citizen.id);
    const wrongKey = await expectTrpcError(
      caller.consultations.submitFeedback({ consultationId, characteristicKey: "funding", body: "Money" }),
      "BAD_REQUEST",
    );
    expect(wrongKey.message).toContain("does not ask about that characteristic");
    const badRating = await expectTrpcError(
      caller.consultations.submitFeedback({ consultationId, characteristicKey: "stakeholders", body: "Six stars", rating: 6 }),
      "BAD_REQUEST",
    );
    expect(badRating.message).toContain("A rating is a number from 1 to 5.");
  });

  it("counts support once per person and never for one's own feedback", async () => {
    const author = await makeUser(h.db);
    const { id } = await callerFor(h.db, author.id).consultations.submitFeedback({
      consultationId,
      characteristicKey: "stakeholders",
      body: "Ask us earlier",
      suggestion: "Neighbourhood panels",
    });
    await expectTrpcError(callerFor(h.db, author.id).consultations.support({ feedbackId: id }), "BAD_REQUEST");
    const supporter = callerFor(h.db, cast.users.citizen.id);
    expect(await supporter.consultations.support({ feedbackId: id })).toEqual({ supportCount: 1 });
    const again = await expectTrpcError(supporter.consultations.support({ feedbackId: id }), "CONFLICT");
    expect(again.message).toBe("You already support this feedback.");
    await callerFor(h.db, cast.users.partner.id).consultations.support({ feedbackId: id });
    const item = (await supporter.consultations.feedback({ consultationId })).items.find((f) => f.id === id)!;
    expect(item).toMatchObject({ supportCount: 2, supportedByViewer: true, canSupport: false });
    expect(await h.db.select().from(feedbackSupports).where(eq(feedbackSupports.feedbackId, id))).toHaveLength(2);
  });

  it("pages feedback newest first without skipping or repeating while answers arrive", async () => {
    const draft = await makeAssessment(h.db, { cityId: (await makeCityCast(h.db)).city.id, status: "draft" });
    const c = await makeConsultation(h.db, draft, cast.users.leadership.id);
    process.env.RATE_LIMIT_DISABLED = "1";
    const poster = callerFor(h.db, cast.users.citizen.id);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await poster.consultations.submitFeedback({ consultationId: c.id, characteristicKey: "stakeholders", body: `F${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof callerFor>["consultations"]["feedback"]>> = await callerFor(
        h.db,
        null,
      ).consultations.feedback({ consultationId: c.id, cursor, limit: 5 });
      seen.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
      if (first)
        await poster.consultations.submitFeedback({ consultationId: c.id, characteristicKey: "stakeholders", body: "Arrived meanwhile" });
      first = false;
    } while (cursor);
    delete process.env.RATE_LIMIT_DISABLED;
    expect(seen).toEqual([...ids].reverse());
  });
});

describe("the feedback summary", () => {
  it("counts answers, the rating distribution and the most-supported suggestions per characteristic, leaving hidden ones out", async () => {
    const cast = await makeCityCast(h.db);
    const draft = await makeAssessment(h.db, { cityId: cast.city.id, status: "draft" });
    const c = await makeConsultation(h.db, draft, cast.users.leadership.id, { characteristicKeys: ["stakeholders", "funding"] });
    const people = await Promise.all(Array.from({ length: 5 }, () => makeUser(h.db)));
    const answers = [
      { who: 0, rating: 5, suggestion: "Open data portal" },
      { who: 1, rating: 4, suggestion: "Participatory budgeting app" },
      { who: 2, rating: 4, suggestion: null },
      { who: 3, rating: null, suggestion: "Citizen panels" },
    ];
    const ids: string[] = [];
    for (const a of answers) {
      ids.push(
        (
          await callerFor(h.db, people[a.who].id).consultations.submitFeedback({
            consultationId: c.id,
            characteristicKey: "stakeholders",
            body: "Answer",
            rating: a.rating,
            suggestion: a.suggestion,
          })
        ).id,
      );
    }
    // Two people back the budgeting app, one the open data portal.
    await callerFor(h.db, people[4].id).consultations.support({ feedbackId: ids[1] });
    await callerFor(h.db, people[0].id).consultations.support({ feedbackId: ids[1] });
    await callerFor(h.db, people[4].id).consultations.support({ feedbackId: ids[0] });
    // A hidden answer is not counted.
    const hiddenId = (
      await callerFor(h.db, people[4].id).consultations.submitFeedback({
        consultationId: c.id,
        characteristicKey: "stakeholders",
        body: "Abuse",
        rating: 1,
        suggestion: "Spam link",
      })
    ).id;
    await h.db.update(feedback).set({ moderationState: "hidden", moderationReason: "Offensive" }).where(eq(feedback.id, hiddenId));

    const summary = await callerFor(h.db, cast.users.leadership.id).consultations.summary({ consultationId: c.id });
    const stakeholders = summary.find((s) => s.characteristicKey === "stakeholders")!;
    expect(stakeholders).toMatchObject({
      count: 4,
      hiddenCount: 1,
      ratedCount: 3,
      ratingDistribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 },
      averageRating: 4.33,
    });
    expect(stakeholders.topSuggestions.map((s) => [s.suggestion, s.supportCount])).toEqual([
      ["Participatory budgeting app", 2],
      ["Open data portal", 1],
      ["Citizen panels", 0],
    ]);
    expect(summary.find((s) => s.characteristicKey === "funding")).toMatchObject({
      count: 0,
      ratedCount: 0,
      averageRating: null,
      topSuggestions: [],
    });
  });
});

describe("consultation procedures × roles", () => {
  let cast: CityCast;
  let draftId: string;
  let consultationId: string;
  let feedbackId: string;
  beforeAll(async () => {
    cast = await makeCityCast(h.db);
    const draft = await makeAssessment(h.db, { cityId: cast.city.id, status: "draft" });
    draftId = draft.id;
    consultationId = (await makeConsultation(h.db, draft, cast.users.leadership.id)).id;
    const author = await makeUser(h.db);
    feedbackId = (
      await callerFor(h.db, author.id).consultations.submitFeedback({
        consultationId,
        characteristicKey: "stakeholders",
        body: "Seed answer",
      })
    ).id;
  });

  const signedInOk = Object.fromEntries(CAST_IDENTITIES.map((w) => [w, w === "anonymous" ? "UNAUTHORIZED" : "ok"])) as Record<
    CastIdentity,
    Outcome
  >;
  const everyoneOk = Object.fromEntries(CAST_IDENTITIES.map((w) => [w, "ok"])) as Record<CastIdentity, Outcome>;
  const summaryReaders: Record<CastIdentity, Outcome> = {
    anonymous: "UNAUTHORIZED",
    signedIn: "NOT_FOUND",
    outsider: "NOT_FOUND",
    citizen: "FORBIDDEN",
    partner: "FORBIDDEN",
    department: "FORBIDDEN",
    leadership: "ok",
    expert: "ok",
    admin: "ok",
  };
  const expectations: Record<string, Record<CastIdentity, Outcome>> = {
    "consultations.listOpen": everyoneOk,
    "consultations.get": everyoneOk,
    "consultations.feedback": everyoneOk,
    "consultations.submitFeedback": signedInOk,
    "consultations.support": signedInOk,
    "consultations.summary": summaryReaders,
    "consultations.listForCity": summaryReaders,
    "consultations.open": { ...summaryReaders, expert: "FORBIDDEN", admin: "FORBIDDEN" },
    "consultations.consultableAssessments": signedInOk,
  };

  function call(procedure: string, userId: string | null) {
    const caller = callerFor(h.db, userId);
    switch (procedure) {
      case "consultations.listOpen":
        return caller.consultations.listOpen({});
      case "consultations.get":
        return caller.consultations.get({ consultationId });
      case "consultations.feedback":
        return caller.consultations.feedback({ consultationId });
      case "consultations.submitFeedback":
        return caller.consultations.submitFeedback({ consultationId, characteristicKey: "stakeholders", body: "Matrix answer" });
      case "consultations.support":
        return caller.consultations.support({ feedbackId });
      case "consultations.summary":
        return caller.consultations.summary({ consultationId });
      case "consultations.listForCity":
        return caller.consultations.listForCity({ cityId: cast.city.id });
      case "consultations.open":
        return caller.consultations.open({ assessmentId: draftId, ...openInput() });
      case "consultations.consultableAssessments":
        return caller.consultations.consultableAssessments();
      default:
        throw new Error(procedure);
    }
  }

  for (const [procedure, byIdentity] of Object.entries(expectations)) {
    it.each(CAST_IDENTITIES)(`${procedure} as %s`, async (who) => {
      expect(await outcomeOf(call(procedure, castUserId(cast, who)))).toBe(byIdentity[who]);
    });
  }

  it("offers the leadership group exactly its city's draft assessment to consult on", async () => {
    const rows = await callerFor(h.db, cast.users.leadership.id).consultations.consultableAssessments();
    expect(rows.map((r) => r.assessmentId)).toEqual([draftId]);
    expect(await callerFor(h.db, cast.users.citizen.id).consultations.consultableAssessments()).toEqual([]);
  });
});
