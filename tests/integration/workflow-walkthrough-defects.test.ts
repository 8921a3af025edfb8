/**
 * The workflow defects found in the walkthrough (issue 11, section 9): the current cycle after a
 * republication, the first publication date, carried-over judgements nobody confirmed, ratings that
 * landed after mark-rated, and partners counting evidence hidden from them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { evidence } from "@/db/schema/evidence";
import { currentFramework } from "@/server/scoring/framework-registry";
import { EVIDENCE_STATUSES } from "@/shared/domain-values";
import {
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  expectedOutcome,
  makeAssessment,
  makeCastWithAssessment,
  makeCityCast,
  READY,
  statusOf,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError, outcomeOf } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const framework = currentFramework();
const rateable = framework.characteristics.filter((c) => c.rateable);

function caller(cast: CityCast, who: CastIdentity) {
  return callerFor(h.db, castUserId(cast, who));
}

async function eventsOf(assessmentId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.assessmentId, assessmentId)).orderBy(asc(auditEvents.id));
}

async function rowOf(assessmentId: string) {
  const [row] = await h.db.select().from(assessments).where(eq(assessments.id, assessmentId));
  return row;
}

const FIRST_PUBLICATION = new Date("2014-03-01T00:00:00.000Z");

/** Shanghai Pudong in the walkthrough: cycle 2013 (published 2014) and cycle 2026, both published. */
async function cityWithTwoPublishedCycles() {
  const { cast, assessment: old } = await makeCastWithAssessment(h.db, {
    status: "published",
    cycle: "2013",
    levels: { smart_city_strategy: "basic" },
    createdAt: FIRST_PUBLICATION,
    publishedAt: FIRST_PUBLICATION,
  });
  const recent = await makeAssessment(h.db, {
    status: "published",
    cityId: cast.city.id,
    cycle: "2026",
    levels: { smart_city_strategy: "average" },
    createdAt: new Date("2026-01-10T00:00:00.000Z"),
    publishedAt: new Date("2026-06-01T00:00:00.000Z"),
  });
  return { cast, old, recent };
}

describe("the current cycle after a withdrawal and republication", () => {
  it("keeps the newest cycle current on the leadership dashboard and starts the next cycle from it", async () => {
    const { cast, old, recent } = await cityWithTwoPublishedCycles();
    await caller(cast, "admin").workflow.unpublish({ assessmentId: old.id, reason: "Figures under correction" });
    await caller(cast, "leadership").workflow.publish({ assessmentId: old.id });

    const dashboard = await caller(cast, "leadership").workflow.leadershipDashboard({ cityId: cast.city.id });
    expect(dashboard.current?.assessment).toMatchObject({ id: recent.id, cycle: "2026", status: "published" });
    expect(dashboard.previous).toMatchObject({ id: old.id, cycle: "2013" });

    await expectTrpcError(caller(cast, "leadership").workflow.startNextCycle({ assessmentId: old.id, cycle: "2014" }), "CONFLICT");
    const { assessment: next } = await caller(cast, "leadership").workflow.startNextCycle({ assessmentId: recent.id, cycle: "2027" });
    expect(next.copiedFromId).toBe(recent.id);
  });

  it("never offers an older cycle as the previous one of the newest", async () => {
    const { cast, old, recent } = await cityWithTwoPublishedCycles();
    await caller(cast, "admin").workflow.unpublish({ assessmentId: recent.id, reason: "Figures under correction" });
    await caller(cast, "leadership").workflow.publish({ assessmentId: recent.id });
    const dashboard = await caller(cast, "leadership").workflow.leadershipDashboard({ cityId: cast.city.id });
    expect(dashboard.current?.assessment.id).toBe(recent.id);
    expect(dashboard.previous?.id).toBe(old.id);
  });
});

describe("publication dates", () => {
  it("keeps the first publication date through a withdrawal and republication, and records the republication", async () => {
    const { cast, old } = await cityWithTwoPublishedCycles();
    const withdrawn = await caller(cast, "admin").workflow.unpublish({ assessmentId: old.id, reason: "Figures under correction" });
    expect(withdrawn.assessment.publishedAt).toEqual(FIRST_PUBLICATION);
    const republished = await caller(cast, "leadership").workflow.publish({ assessmentId: old.id });
    expect(republished.assessment.publishedAt).toEqual(FIRST_PUBLICATION);
    expect(republished.assessment.lastRepublishedAt).toBeInstanceOf(Date);
    expect(republished.assessment.lastRepublishedAt!.getTime()).toBeGreaterThan(FIRST_PUBLICATION.getTime());

    const overview = await caller(cast, "leadership").workflow.overview({ assessmentId: old.id });
    expect(overview.assessment).toMatchObject({
      publishedAt: FIRST_PUBLICATION,
      lastRepublishedAt: republished.assessment.lastRepublishedAt,
    });
    const anonymous = callerFor(h.db, null);
    expect(await anonymous.public.assessment({ id: old.id })).toMatchObject({
      publishedAt: FIRST_PUBLICATION.toISOString(),
      republishedAt: republished.assessment.lastRepublishedAt!.toISOString(),
    });
    const cityPage = await anonymous.public.city({ slug: cast.city.slug });
    expect(cityPage.history.find((a) => a.id === old.id)).toMatchObject({ publishedAt: FIRST_PUBLICATION.toISOString() });
    expect(cityPage.latestAssessment).toMatchObject({ cycle: "2026", republishedAt: null });
    const events = await eventsOf(old.id);
    expect(events.map((e) => e.action)).toEqual(["assessment.unpublish", "assessment.publish"]);
    expect(events[1].after).toMatchObject({ publishedAt: FIRST_PUBLICATION.toISOString() });

    // A second round records the later republication, still beside the first date.
    await caller(cast, "admin").workflow.unpublish({ assessmentId: old.id, reason: "Another correction" });
    const again = await caller(cast, "leadership").workflow.publish({ assessmentId: old.id });
    expect(again.assessment.publishedAt).toEqual(FIRST_PUBLICATION);
    expect(again.assessment.lastRepublishedAt!.getTime()).toBeGreaterThanOrEqual(republished.assessment.lastRepublishedAt!.getTime());
    expect((await eventsOf(old.id)).filter((e) => e.action === "assessment.publish")).toHaveLength(2);
  });

  it("sets the publication date on the first publication only", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "approved" });
    const published = await caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id });
    expect(published.assessment.publishedAt).toBeInstanceOf(Date);
    expect(published.assessment.lastRepublishedAt).toBeNull();
  });

  it("restores the first publication date that earlier republications overwrote (migration 0004)", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "approved" });
    await caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id });
    await caller(cast, "admin").workflow.unpublish({ assessmentId: assessment.id, reason: "Figures under correction" });
    await caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id });
    const first = (await rowOf(assessment.id)).publishedAt!;
    // What the old code left behind: published_at overwritten by the republication, no republication date.
    const overwritten = new Date(first.getTime() + 86_400_000);
    await h.db.execute(sql`alter table assessments disable trigger assessments_lifecycle_guard`);
    await h.db.update(assessments).set({ publishedAt: overwritten, lastRepublishedAt: null }).where(eq(assessments.id, assessment.id));
    await h.db.execute(sql`alter table assessments enable trigger assessments_lifecycle_guard`);

    const migration = readFileSync(path.join(import.meta.dirname, "../../db/migrations/0004_first_publication_backfill.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) await h.db.execute(sql.raw(statement));
    expect(await rowOf(assessment.id)).toMatchObject({ publishedAt: first, lastRepublishedAt: overwritten });
  });
});

/** A published cycle with judgements and ratings, and the next cycle opened from it (all carried over). */
async function nextCycleWithCarriedOver() {
  const { cast, assessment: published } = await makeCastWithAssessment(h.db, { ...READY, status: "published", judged: true });
  const { assessment: next } = await caller(cast, "leadership").workflow.startNextCycle({ assessmentId: published.id, cycle: "2026" });
  await h.db.insert(evidence).values({
    cityId: cast.city.id,
    assessmentId: next.id,
    characteristicKey: "funding",
    kind: "narrative",
    status: "accepted",
    authorId: cast.users.department.id,
    authorRole: "department",
    title: "This cycle's evidence",
  });
  return { cast, next };
}

describe("carried-over judgements", () => {
  it("refuses to mark rated until an expert confirmed them, and confirms a characteristic at a time, audited", async () => {
    const { cast, next } = await nextCycleWithCarriedOver();
    await caller(cast, "leadership").workflow.submitForReview({ assessmentId: next.id });
    const refused = await expectTrpcError(caller(cast, "expert").workflow.markRated({ assessmentId: next.id }), "CONFLICT");
    expect(refused.message).toContain("not yet confirmed by an expert");
    expect(await statusOf(h.db, next.id)).toBe("in_review");

    const overview = await caller(cast, "expert").workflow.overview({ assessmentId: next.id });
    const markRated = overview.options.find((o) => o.transition === "mark_rated");
    expect(markRated?.blockedBy.map((p) => p.code)).toContain("CARRIED_OVER_UNCONFIRMED");

    const [first, ...rest] = rateable;
    const result = await caller(cast, "expert").review.confirmCarriedOver({ assessmentId: next.id, characteristicKey: first.key });
    expect(result.confirmed).toEqual({ judgements: 1, ratings: 1 });
    const [event] = (await eventsOf(next.id)).filter((e) => e.action === "judgement.confirm_carried_over");
    expect(event).toMatchObject({ actorId: cast.users.expert.id, actorRole: "expert" });
    expect(event.after).toMatchObject({ characteristicKey: first.key, judgements: [{ criterionKey: first.criteria[0].key }] });
    // Again: nothing left to confirm, nothing recorded.
    expect(
      (await caller(cast, "expert").review.confirmCarriedOver({ assessmentId: next.id, characteristicKey: first.key })).confirmed,
    ).toEqual({
      judgements: 0,
      ratings: 0,
    });

    await expectTrpcError(caller(cast, "expert").workflow.markRated({ assessmentId: next.id }), "CONFLICT");
    for (const c of rest) await caller(cast, "expert").review.confirmCarriedOver({ assessmentId: next.id, characteristicKey: c.key });
    expect((await eventsOf(next.id)).filter((e) => e.action === "judgement.confirm_carried_over")).toHaveLength(rateable.length);
    const left = await h.db
      .select()
      .from(criterionJudgements)
      .where(and(eq(criterionJudgements.assessmentId, next.id), eq(criterionJudgements.carriedOver, true)));
    expect(left).toEqual([]);
    await caller(cast, "expert").workflow.markRated({ assessmentId: next.id });
    expect(await statusOf(h.db, next.id)).toBe("rated");
  });

  it("treats a judgement the expert saved again as confirmed", async () => {
    const { cast, next } = await nextCycleWithCarriedOver();
    const [row] = await h.db.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, next.id)).limit(1);
    await caller(cast, "expert").review.saveJudgement({
      assessmentId: next.id,
      criterionKey: row.criterionKey,
      judgement: "partially_met",
      expectedVersion: row.version,
    });
    const overview = await caller(cast, "expert").workflow.overview({ assessmentId: next.id });
    expect(overview.carriedOver.judgements).toBe(rateable.length - 1);
  });

  it("refuses approval and publication of an assessment rated before the rule, with carried-over rows", async () => {
    const cast = await makeCityCast(h.db);
    for (const status of ["rated", "approved"] as const) {
      const own = status === "rated" ? cast : await makeCityCast(h.db);
      const assessment = await makeAssessment(h.db, { ...READY, cityId: own.city.id, status, authorId: own.users.department.id });
      await h.db.update(characteristicRatings).set({ carriedOver: true }).where(eq(characteristicRatings.assessmentId, assessment.id));
      const attempt =
        status === "rated"
          ? caller(own, "leadership").workflow.approve({ assessmentId: assessment.id })
          : caller(own, "leadership").workflow.publish({ assessmentId: assessment.id });
      const error = await expectTrpcError(attempt, "CONFLICT");
      expect(error.message).toContain("Return the assessment to draft");
      expect(await statusOf(h.db, assessment.id)).toBe(status);
      // Confirmation happens while judging is open, not on a rated assessment.
      await expectTrpcError(
        caller(own, "expert").review.confirmCarriedOver({ assessmentId: assessment.id, characteristicKey: "funding" }),
        "CONFLICT",
      );
    }
  });

  describe("authorization matrix: review.confirmCarriedOver by each identity", () => {
    for (const who of CAST_IDENTITIES) {
      const expected = expectedOutcome(who, "judgement:write");
      it(`review.confirmCarriedOver as ${who} → ${expected}`, async () => {
        const { cast, next } = await nextCycleWithCarriedOver();
        const outcome = await outcomeOf(
          caller(cast, who).review.confirmCarriedOver({ assessmentId: next.id, characteristicKey: "funding" }),
        );
        expect(outcome).toBe(expected);
        const confirmations = (await eventsOf(next.id)).filter((e) => e.action === "judgement.confirm_carried_over");
        expect(confirmations).toHaveLength(expected === "ok" ? 1 : 0);
      });
    }
  });
});

describe("ratings and judgements against mark-rated at the same instant", () => {
  /** In review, every rateable characteristic rated, ready to be marked rated. */
  async function readyToRate() {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "in_review" });
    return { cast, assessment };
  }

  /** The per-assessment audit order: no rating or judgement event may follow the mark-rated event. */
  async function expertWritesAfterMarkRated(assessmentId: string) {
    const events = await eventsOf(assessmentId);
    const rated = events.findIndex((e) => e.action === "assessment.mark_rated");
    if (rated < 0) return [];
    return events.slice(rated + 1).filter((e) => e.action.startsWith("rating.") || e.action.startsWith("judgement."));
  }

  const ROUNDS = 20;

  it(`never lets a rating change land after mark-rated (${ROUNDS} simultaneous pairs)`, async () => {
    let ratingsFirst = 0;
    let ratingsRefused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { cast, assessment } = await readyToRate();
      const [mark, save] = await Promise.allSettled([
        caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id }),
        caller(cast, "expert").review.saveRating({
          assessmentId: assessment.id,
          characteristicKey: "funding",
          level: "average",
          justification: "New figures from the finance department.",
          expectedVersion: 1,
        }),
      ]);
      expect(mark.status).toBe("fulfilled");
      expect(await expertWritesAfterMarkRated(assessment.id)).toEqual([]);
      const [funding] = await h.db
        .select()
        .from(characteristicRatings)
        .where(and(eq(characteristicRatings.assessmentId, assessment.id), eq(characteristicRatings.characteristicKey, "funding")));
      if (save.status === "fulfilled") {
        ratingsFirst++;
        expect(funding.level).toBe("average");
      } else {
        ratingsRefused++;
        expect((save.reason as { code: string }).code).toBe("CONFLICT");
        expect(funding).toMatchObject({ level: "basic", version: 1 });
      }
    }
    expect(ratingsFirst + ratingsRefused).toBe(ROUNDS);
  });

  it(`never leaves a rated assessment with a cleared rating (${ROUNDS} simultaneous pairs)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { cast, assessment } = await readyToRate();
      const [mark, clear] = await Promise.allSettled([
        caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id }),
        caller(cast, "expert").review.clearRating({ assessmentId: assessment.id, characteristicKey: "funding", expectedVersion: 1 }),
      ]);
      // One of the two goes first: cleared first, mark-rated is refused (funding has no level);
      // marked first, the clearing is refused. Never both.
      expect([mark.status, clear.status].sort()).toEqual(["fulfilled", "rejected"]);
      const status = await statusOf(h.db, assessment.id);
      const funding = await h.db
        .select()
        .from(characteristicRatings)
        .where(and(eq(characteristicRatings.assessmentId, assessment.id), eq(characteristicRatings.characteristicKey, "funding")));
      if (status === "rated") expect(funding).toHaveLength(1);
      else expect(funding).toHaveLength(0);
      expect(await expertWritesAfterMarkRated(assessment.id)).toEqual([]);
    }
  });

  it(`never lets a judgement land after mark-rated (${ROUNDS} simultaneous pairs)`, async () => {
    const criterionKey = rateable[0].criteria[0].key;
    for (let round = 0; round < ROUNDS; round++) {
      const { cast, assessment } = await readyToRate();
      const [mark, save] = await Promise.allSettled([
        caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id }),
        caller(cast, "expert").review.saveJudgement({ assessmentId: assessment.id, criterionKey, judgement: "met", expectedVersion: null }),
      ]);
      expect(mark.status).toBe("fulfilled");
      expect(await expertWritesAfterMarkRated(assessment.id)).toEqual([]);
      const judgements = await h.db.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, assessment.id));
      expect(judgements).toHaveLength(save.status === "fulfilled" ? 1 : 0);
    }
  });

  it("refuses a rating on an assessment that is no longer in review, as a conflict", async () => {
    const { cast, assessment } = await readyToRate();
    const stale = caller(cast, "expert");
    await caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id });
    const error = await expectTrpcError(
      stale.review.saveRating({
        assessmentId: assessment.id,
        characteristicKey: "funding",
        level: "average",
        justification: "Late change of mind.",
        expectedVersion: 1,
      }),
      "CONFLICT",
    );
    expect(error.message).toContain("can no longer change");
  });
});

describe("evidence counts a partner sees", () => {
  it("gives a partner in the overview and the dashboard the counts evidence.summary gives them, nothing more", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, {
      ...READY,
      status: "draft",
      evidence: { submitted: 3, changes_requested: 2, rejected: 1, accepted: 1 },
    });
    await h.db.insert(evidence).values({
      cityId: cast.city.id,
      assessmentId: assessment.id,
      characteristicKey: "governance",
      kind: "narrative",
      status: "submitted",
      authorId: cast.users.partner.id,
      authorRole: "partner",
      title: "The partner's own submission",
    });

    const partner = caller(cast, "partner");
    const summary = await partner.evidence.summary({ assessmentId: assessment.id });
    const fromSummary = Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, 0])) as Record<string, number>;
    const byCharacteristic: Record<string, Record<string, number>> = {};
    for (const row of summary) {
      fromSummary[row.status] += Number(row.count);
      byCharacteristic[row.characteristicKey] = { ...byCharacteristic[row.characteristicKey], [row.status]: Number(row.count) };
    }
    expect(fromSummary).toMatchObject({ accepted: 1, submitted: 1, changes_requested: 0, rejected: 0 });

    const overview = await partner.workflow.overview({ assessmentId: assessment.id });
    expect(overview.evidenceCounts).toEqual(fromSummary);
    const dashboard = await partner.workflow.leadershipDashboard({ cityId: cast.city.id });
    expect(dashboard.current?.evidenceCounts).toEqual(fromSummary);
    for (const [key, counts] of Object.entries(dashboard.current!.evidenceByCharacteristic)) {
      for (const [status, n] of Object.entries(counts)) expect(n, `${key} ${status}`).toBe(byCharacteristic[key]?.[status] ?? 0);
    }

    // The department, who sees all evidence, gets all of it.
    const department = await caller(cast, "department").workflow.overview({ assessmentId: assessment.id });
    expect(department.evidenceCounts).toMatchObject({ submitted: 4, changes_requested: 2, rejected: 1, accepted: 1 });
  });
});
