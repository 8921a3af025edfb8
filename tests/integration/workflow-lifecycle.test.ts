import type { TRPCError } from "@trpc/server";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { assessmentApprovals, assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { notifications } from "@/db/schema/notifications";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import type { Action } from "@/server/auth/permissions";
import type { DomainError } from "@/server/errors/domain-error";
import { ALLOWED_STATUS_CHANGES } from "@/server/workflow/assessment-lifecycle";
import { transitionAssessment } from "@/server/workflow/transition-assessment";
import { ASSESSMENT_STATUSES, type AssessmentStatus } from "@/shared/domain-values";
import {
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  expectedOutcome,
  makeAssessment,
  makeCastWithAssessment,
  makeCity,
  makeCityCast,
  makeMember,
  READY,
  statusOf,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

/** A write the lifecycle triggers refuse, identified by the SQLSTATE they raise. */
async function expectRefusedByDatabase(promise: Promise<unknown>, sqlState: "SCW01" | "SCW02") {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected the database to refuse with ${sqlState}`).not.toBeNull();
  let current: unknown = error;
  const codes: unknown[] = [];
  for (let depth = 0; current && depth < 4; depth++) {
    codes.push((current as { code?: unknown }).code);
    current = (current as { cause?: unknown }).cause;
  }
  expect(codes).toContain(sqlState);
}

function caller(cast: CityCast, who: CastIdentity) {
  return callerFor(h.db, castUserId(cast, who));
}

function castWithAssessment(status: AssessmentStatus, options: { approvalsRequired?: number } = {}) {
  const city = options.approvalsRequired ? { approvalsRequired: options.approvalsRequired } : {};
  return makeCastWithAssessment(h.db, { ...READY, status, city });
}

async function eventsOf(assessmentId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.assessmentId, assessmentId)).orderBy(asc(auditEvents.id));
}

type ProcedureCase = {
  name: string;
  action: Action;
  from: AssessmentStatus;
  to: AssessmentStatus;
  call: (c: ReturnType<typeof callerFor>, assessmentId: string) => Promise<unknown>;
};

const REASON = "Funding evidence missing";
const PROCEDURES: ProcedureCase[] = [
  {
    name: "submitForReview",
    action: "assessment:submit_for_review",
    from: "draft",
    to: "in_review",
    call: (c, id) => c.workflow.submitForReview({ assessmentId: id }),
  },
  {
    name: "markRated",
    action: "assessment:mark_rated",
    from: "in_review",
    to: "rated",
    call: (c, id) => c.workflow.markRated({ assessmentId: id }),
  },
  {
    name: "returnToDraft (from in review)",
    action: "assessment:return_to_draft",
    from: "in_review",
    to: "draft",
    call: (c, id) => c.workflow.returnToDraft({ assessmentId: id, reason: REASON }),
  },
  {
    name: "returnToDraft (from rated)",
    action: "assessment:return_to_draft",
    from: "rated",
    to: "draft",
    call: (c, id) => c.workflow.returnToDraft({ assessmentId: id, reason: REASON }),
  },
  {
    name: "approve",
    action: "assessment:approve",
    from: "rated",
    to: "approved",
    call: (c, id) => c.workflow.approve({ assessmentId: id, comment: "Agreed" }),
  },
  {
    name: "withdrawApproval",
    action: "assessment:withdraw_approval",
    from: "approved",
    to: "rated",
    call: (c, id) => c.workflow.withdrawApproval({ assessmentId: id, reason: REASON }),
  },
  {
    name: "publish",
    action: "assessment:publish",
    from: "approved",
    to: "published",
    call: (c, id) => c.workflow.publish({ assessmentId: id }),
  },
  {
    name: "unpublish",
    action: "assessment:unpublish",
    from: "published",
    to: "approved",
    call: (c, id) => c.workflow.unpublish({ assessmentId: id, reason: REASON }),
  },
];

describe("workflow authorization matrix: each transition by each identity", () => {
  for (const procedure of PROCEDURES) {
    for (const who of CAST_IDENTITIES) {
      const expected = expectedOutcome(who, procedure.action);
      it(`${expected === "ok" ? "lets" : "refuses"} ${who} ${procedure.name}${expected === "ok" ? "" : ` (${expected})`}`, async () => {
        const { cast, assessment } = await castWithAssessment(procedure.from);
        if (expected === "ok") {
          await procedure.call(caller(cast, who), assessment.id);
          expect(await statusOf(h.db, assessment.id)).toBe(procedure.to);
          const events = await eventsOf(assessment.id);
          expect(events.at(-1)?.actorId).toBe(castUserId(cast, who));
        } else {
          await expectTrpcError(procedure.call(caller(cast, who), assessment.id), expected);
          expect(await statusOf(h.db, assessment.id)).toBe(procedure.from);
          expect(await eventsOf(assessment.id)).toHaveLength(0);
        }
      });
    }
  }

  for (const who of CAST_IDENTITIES) {
    const expected = expectedOutcome(who, "assessment:start_next_cycle");
    it(`${expected === "ok" ? "lets" : "refuses"} ${who} start the next cycle${expected === "ok" ? "" : ` (${expected})`}`, async () => {
      const { cast, assessment } = await castWithAssessment("published");
      const attempt = caller(cast, who).workflow.startNextCycle({ assessmentId: assessment.id, cycle: "next" });
      if (expected === "ok") {
        const { assessment: created } = await attempt;
        expect(created.copiedFromId).toBe(assessment.id);
      } else {
        await expectTrpcError(attempt, expected);
      }
    });
  }

  for (const who of CAST_IDENTITIES) {
    const expected = expectedOutcome(who, "assessment:read");
    it(`${expected === "ok" ? "shows" : "hides"} the overview and the leadership dashboard to ${who}`, async () => {
      const { cast, assessment } = await castWithAssessment("rated");
      const c = caller(cast, who);
      if (expected === "ok") {
        const overview = await c.workflow.overview({ assessmentId: assessment.id });
        expect(overview.assessment.status).toBe("rated");
        const dashboard = await c.workflow.leadershipDashboard({ cityId: cast.city.id });
        expect(dashboard.current?.assessment.id).toBe(assessment.id);
      } else {
        await expectTrpcError(c.workflow.overview({ assessmentId: assessment.id }), expected);
        await expectTrpcError(c.workflow.leadershipDashboard({ cityId: cast.city.id }), expected);
      }
    });
  }

  it("lists assessments across cities to the expert group and admins only", async () => {
    const { cast, assessment } = await castWithAssessment("in_review");
    for (const who of CAST_IDENTITIES) {
      const attempt = caller(cast, who).workflow.assessments({ status: "in_review", limit: 100 });
      if (who === "expert" || who === "admin") {
        const page = await attempt;
        expect(page.items.map((i) => i.id)).toContain(assessment.id);
        expect(page.items.every((i) => i.status === "in_review")).toBe(true);
      } else {
        await expectTrpcError(attempt, who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
      }
    }
  });

  it("rejects an unknown assessment with NOT_FOUND", async () => {
    const cast = await makeCityCast(h.db);
    await expectTrpcError(
      caller(cast, "leadership").workflow.publish({ assessmentId: "00000000-0000-4000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });
});

describe("the full journey", () => {
  it("takes an assessment from draft to published and back, recording every step in a verifiable trail", async () => {
    const { cast, assessment } = await castWithAssessment("draft");
    const id = assessment.id;
    await caller(cast, "leadership").workflow.submitForReview({ assessmentId: id, expectedStatus: "draft" });
    await caller(cast, "expert").workflow.markRated({ assessmentId: id, expectedStatus: "in_review" });
    const approval = await caller(cast, "leadership").workflow.approve({ assessmentId: id, comment: "The group agrees." });
    expect(approval.statusChanged).toBe(true);
    const published = await caller(cast, "leadership").workflow.publish({ assessmentId: id });
    expect(published.assessment.status).toBe("published");
    expect(published.assessment.publishedAt).toBeInstanceOf(Date);

    const withdrawn = await caller(cast, "admin").workflow.unpublish({ assessmentId: id, reason: "Figures under correction" });
    expect(withdrawn.assessment).toMatchObject({ status: "approved", withdrawnReason: "Figures under correction" });
    expect(withdrawn.assessment.withdrawnAt).toBeInstanceOf(Date);
    const republished = await caller(cast, "leadership").workflow.publish({ assessmentId: id });
    expect(republished.assessment).toMatchObject({ status: "published", withdrawnAt: null, withdrawnReason: null });

    const events = await eventsOf(id);
    expect(events.map((e) => e.action)).toEqual([
      "assessment.submit_for_review",
      "assessment.mark_rated",
      "assessment.approve",
      "assessment.publish",
      "assessment.unpublish",
      "assessment.publish",
    ]);
    expect(events[2]).toMatchObject({ actorRole: "leadership", reason: "The group agrees." });
    expect(events[2].before).toMatchObject({ status: "rated" });
    expect(events[2].after).toMatchObject({ status: "approved", approvals: { count: 1, required: 1 } });
    expect(events[4]).toMatchObject({ actorRole: "admin", reason: "Figures under correction" });
    expect(await verifyAuditChain(h.db, `assessment:${id}`)).toEqual({ ok: true, chainKey: `assessment:${id}`, checked: 6 });

    const timeline = await caller(cast, "expert").audit.timeline({ assessmentId: id });
    expect(timeline.items.map((e) => e.action)[0]).toBe("assessment.publish");
    expect(timeline.items.find((e) => e.action === "assessment.unpublish")?.changes.map((c) => c.field)).toContain("status");
  });

  it("sends the assessment back to draft from review and from rated, with the reason recorded", async () => {
    const { cast, assessment } = await castWithAssessment("in_review");
    await caller(cast, "leadership").workflow.returnToDraft({ assessmentId: assessment.id, reason: "  Funding evidence missing " });
    expect(await statusOf(h.db, assessment.id)).toBe("draft");
    await caller(cast, "leadership").workflow.submitForReview({ assessmentId: assessment.id });
    await caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id });
    await caller(cast, "expert").workflow.returnToDraft({ assessmentId: assessment.id, reason: "Stakeholder list incomplete" });
    const events = await eventsOf(assessment.id);
    expect(events.filter((e) => e.action === "assessment.return_to_draft").map((e) => e.reason)).toEqual([
      "Funding evidence missing",
      "Stakeholder list incomplete",
    ]);
  });

  it("lets leadership withdraw its approval before publication, asking for approvals afresh", async () => {
    const { cast, assessment } = await castWithAssessment("rated");
    await caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id });
    await caller(cast, "leadership").workflow.withdrawApproval({ assessmentId: assessment.id, reason: "New figures arrived" });
    const overview = await caller(cast, "leadership").workflow.overview({ assessmentId: assessment.id });
    expect(overview.assessment.status).toBe("rated");
    expect(overview.approvals).toEqual([]);
    expect(overview.options.map((o) => o.transition)).toContain("approve");
    await caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id });
    expect(await statusOf(h.db, assessment.id)).toBe("approved");
  });
});

describe("preconditions and input through the API", () => {
  it("refuses to mark rated while evidence awaits review, saying so, and changes nothing", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, {
      ...READY,
      status: "in_review",
      evidence: { accepted: 1, submitted: 2 },
    });
    const error = await expectTrpcError(caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id }), "CONFLICT");
    expect(error.message).toContain("2 piece(s) of evidence still await review");
    expect(await statusOf(h.db, assessment.id)).toBe("in_review");
    expect(await eventsOf(assessment.id)).toHaveLength(0);
  });

  it("refuses to mark rated while a characteristic has no level", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "in_review", rated: false });
    const error = await expectTrpcError(caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id }), "CONFLICT");
    expect(error.message).toContain("neither a level nor a reasoned");
  });

  it("refuses to submit an assessment without evidence for review", async () => {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "draft", evidence: {} });
    const error = await expectTrpcError(caller(cast, "leadership").workflow.submitForReview({ assessmentId: assessment.id }), "CONFLICT");
    expect(error.message).toContain("no submitted or accepted evidence");
  });

  it("refuses a return without a reason with a field message", async () => {
    const { cast, assessment } = await castWithAssessment("in_review");
    const error = await expectTrpcError(
      caller(cast, "expert").workflow.returnToDraft({ assessmentId: assessment.id, reason: " " }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("Give a reason");
    expect(await statusOf(h.db, assessment.id)).toBe("in_review");
  });

  it("refuses a transition from the wrong status with CONFLICT", async () => {
    const { cast, assessment } = await castWithAssessment("draft");
    const error = await expectTrpcError(caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id }), "CONFLICT");
    expect(error.message).toContain("cannot publish");
  });

  it("answers a stale page (expected status differs) with CONFLICT and the current status", async () => {
    const { cast, assessment } = await castWithAssessment("approved");
    const error = await expectTrpcError(
      caller(cast, "leadership").workflow.withdrawApproval({ assessmentId: assessment.id, reason: REASON, expectedStatus: "rated" }),
      "CONFLICT",
    );
    expect(error.message).toContain("it is now approved");
    expect(await statusOf(h.db, assessment.id)).toBe("approved");
  });

  it("refuses to unpublish while the city's next assessment is open", async () => {
    const { cast, assessment } = await castWithAssessment("published");
    await caller(cast, "leadership").workflow.startNextCycle({ assessmentId: assessment.id, cycle: "2026" });
    const error = await expectTrpcError(
      caller(cast, "admin").workflow.unpublish({ assessmentId: assessment.id, reason: REASON }),
      "CONFLICT",
    );
    expect(error.message).toContain("2026 is open");
    expect(await statusOf(h.db, assessment.id)).toBe("published");
  });
});

describe("leadership approval by more than one member", () => {
  it("records each approval and its comment, and approves when enough members have", async () => {
    const { cast, assessment } = await castWithAssessment("rated", { approvalsRequired: 2 });
    const second = await makeMember(h.db, cast.city.id, "leadership");
    const first = await caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id, comment: "Yes from planning" });
    expect(first).toMatchObject({ statusChanged: false, approvals: { count: 1, required: 2 } });
    expect(await statusOf(h.db, assessment.id)).toBe("rated");

    const again = await expectTrpcError(caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id }), "CONFLICT");
    expect(again.message).toContain("already approved");

    const done = await callerFor(h.db, second.id).workflow.approve({ assessmentId: assessment.id, comment: "Yes from finance" });
    expect(done).toMatchObject({ statusChanged: true, approvals: { count: 2, required: 2 } });
    const rows = await h.db.select().from(assessmentApprovals).where(eq(assessmentApprovals.assessmentId, assessment.id));
    expect(rows.map((r) => r.comment).sort()).toEqual(["Yes from finance", "Yes from planning"]);
    expect((await eventsOf(assessment.id)).map((e) => e.action)).toEqual(["assessment.approve", "assessment.approve"]);
  });
});

describe("the double-press race", () => {
  it("lets exactly one of two simultaneous publications through; the other gets CONFLICT", async () => {
    const { cast, assessment } = await castWithAssessment("approved");
    const results = await Promise.allSettled([
      caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id, expectedStatus: "approved" }),
      caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id, expectedStatus: "approved" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === "rejected");
    expect((rejected.reason as TRPCError).code).toBe("CONFLICT");
    expect((await eventsOf(assessment.id)).map((e) => e.action)).toEqual(["assessment.publish"]);
  });

  it("lets exactly one of two leadership members approve when one approval is required", async () => {
    const { cast, assessment } = await castWithAssessment("rated");
    const second = await makeMember(h.db, cast.city.id, "leadership");
    const results = await Promise.allSettled([
      caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id }),
      callerFor(h.db, second.id).workflow.approve({ assessmentId: assessment.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === "rejected");
    expect((rejected.reason as TRPCError).code).toBe("CONFLICT");
    expect(await statusOf(h.db, assessment.id)).toBe("approved");
    expect(await h.db.select().from(assessmentApprovals).where(eq(assessmentApprovals.assessmentId, assessment.id))).toHaveLength(1);
  });

  it("counts two simultaneous approvals when two are required, and approves", async () => {
    const { cast, assessment } = await castWithAssessment("rated", { approvalsRequired: 2 });
    const second = await makeMember(h.db, cast.city.id, "leadership");
    const results = await Promise.allSettled([
      caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id }),
      callerFor(h.db, second.id).workflow.approve({ assessmentId: assessment.id }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await statusOf(h.db, assessment.id)).toBe("approved");
  });

  // Needs a second connection, so only on the PostgreSQL server (PGlite runs one transaction at a time).
  it.runIf(Boolean(process.env.DATABASE_URL))(
    "waits for a transition in flight, then refuses with CONFLICT and the new status",
    async () => {
      const { cast, assessment } = await castWithAssessment("rated");
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let signalLocked!: (holderPid: number) => void;
      const locked = new Promise<number>((resolve) => (signalLocked = resolve));
      const inFlight = h.db.transaction(async (tx) => {
        await tx.select().from(assessments).where(eq(assessments.id, assessment.id)).for("update");
        const [{ pid }] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as Array<{ pid: number }>;
        signalLocked(pid);
        await released;
        await tx.update(assessments).set({ status: "approved" }).where(eq(assessments.id, assessment.id));
      });
      const holderPid = await locked;
      // Reads "rated" (the other change is not committed yet), then waits for the row lock.
      const attempt = caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id });
      // Release only once PostgreSQL reports a session blocked by the in-flight transaction.
      for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 10))) {
        const [{ waiting }] = (await h.db.execute(
          sql`select count(*)::int as waiting from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`,
        )) as Array<{ waiting: number }>;
        if (waiting > 0) break;
        if (Date.now() > deadline) throw new Error("the approval never waited for the row lock");
      }
      release();
      await inFlight;
      const error = await expectTrpcError(attempt, "CONFLICT");
      expect(error.message).toContain("it is now approved");
      expect(await h.db.select().from(assessmentApprovals).where(eq(assessmentApprovals.assessmentId, assessment.id))).toHaveLength(0);
    },
  );

  it("makes the guarded update the arbiter: a transition from a status that is gone is a conflict", async () => {
    const { cast, assessment } = await castWithAssessment("rated");
    await transitionAssessment(h.db, { userId: cast.users.leadership.id, role: "leadership" }, assessment.id, { transition: "approve" });
    await expect(
      transitionAssessment(h.db, { userId: cast.users.expert.id, role: "expert" }, assessment.id, {
        transition: "return_to_draft",
        reason: REASON,
        expectedStatus: "rated",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { status: "approved" } });
  });
});

describe("the freeze of a published assessment", () => {
  async function publishedWithEverything() {
    const { cast, assessment } = await makeCastWithAssessment(h.db, { ...READY, status: "published", judged: true });
    return { cast, assessment };
  }

  it("refuses in the database to add, change or remove judgements and ratings", async () => {
    const { cast, assessment } = await publishedWithEverything();
    await expectRefusedByDatabase(
      h.db.insert(criterionJudgements).values({
        cityId: cast.city.id,
        assessmentId: assessment.id,
        characteristicKey: "funding",
        criterionKey: "funding.average.1",
        judgement: "met",
      }),
      "SCW02",
    );
    await expectRefusedByDatabase(
      h.db.update(characteristicRatings).set({ level: "state_of_the_art" }).where(eq(characteristicRatings.assessmentId, assessment.id)),
      "SCW02",
    );
    await expectRefusedByDatabase(h.db.delete(criterionJudgements).where(eq(criterionJudgements.assessmentId, assessment.id)), "SCW02");
    const ratings = await h.db.select().from(characteristicRatings).where(eq(characteristicRatings.assessmentId, assessment.id));
    expect(ratings.every((r) => r.level === "basic")).toBe(true);
  });

  it("refuses in the database to add evidence, revisions or reviews", async () => {
    const { cast, assessment } = await publishedWithEverything();
    await expectRefusedByDatabase(
      h.db.insert(evidence).values({
        cityId: cast.city.id,
        assessmentId: assessment.id,
        characteristicKey: "funding",
        kind: "narrative",
        authorId: cast.users.department.id,
        authorRole: "department",
        title: "Late evidence",
      }),
      "SCW02",
    );
    const [existing] = await h.db.select().from(evidence).where(eq(evidence.assessmentId, assessment.id));
    await expectRefusedByDatabase(
      h.db.insert(evidenceRevisions).values({
        cityId: cast.city.id,
        evidenceId: existing.id,
        revision: 2,
        title: "Changed",
        payload: {},
        createdBy: cast.users.department.id,
      }),
      "SCW02",
    );
    await expectRefusedByDatabase(h.db.update(evidence).set({ status: "withdrawn" }).where(eq(evidence.id, existing.id)), "SCW02");
  });

  it("refuses in the database to edit or delete the published assessment itself", async () => {
    const { assessment } = await publishedWithEverything();
    await expectRefusedByDatabase(h.db.update(assessments).set({ cycle: "rewritten" }).where(eq(assessments.id, assessment.id)), "SCW02");
    await expectRefusedByDatabase(h.db.delete(assessments).where(eq(assessments.id, assessment.id)), "SCW02");
    const [row] = await h.db.select().from(assessments).where(eq(assessments.id, assessment.id));
    expect(row.cycle).toBe(assessment.cycle);
  });

  it("still accepts the same writes on a draft (the freeze is about publication)", async () => {
    const { assessment: draft } = await makeCastWithAssessment(h.db, { ...READY, status: "draft" });
    await h.db.update(characteristicRatings).set({ level: "average" }).where(eq(characteristicRatings.assessmentId, draft.id));
  });

  it("refuses every transition but unpublishing, and sends later changes to the next cycle", async () => {
    const { cast, assessment } = await publishedWithEverything();
    await expectTrpcError(caller(cast, "leadership").workflow.returnToDraft({ assessmentId: assessment.id, reason: REASON }), "CONFLICT");
    await expectTrpcError(
      caller(cast, "leadership").workflow.withdrawApproval({ assessmentId: assessment.id, reason: REASON }),
      "CONFLICT",
    );
    const { assessment: next, carriedOver } = await caller(cast, "leadership").workflow.startNextCycle({
      assessmentId: assessment.id,
      cycle: "2026",
    });
    expect(next).toMatchObject({ status: "draft", cycle: "2026", copiedFromId: assessment.id });
    expect(carriedOver.judgements).toBeGreaterThan(0);
    expect(carriedOver.ratings).toBe(8);
    const judgements = await h.db.select().from(criterionJudgements).where(eq(criterionJudgements.assessmentId, next.id));
    expect(judgements.length).toBe(carriedOver.judgements);
    expect(judgements.every((j) => j.carriedOver && j.note === "From the first cycle")).toBe(true);
    const ratings = await h.db.select().from(characteristicRatings).where(eq(characteristicRatings.assessmentId, next.id));
    expect(ratings.every((r) => r.carriedOver)).toBe(true);
    // The copy can be worked on; the original cannot.
    await h.db
      .update(characteristicRatings)
      .set({ level: "average", carriedOver: false })
      .where(and(eq(characteristicRatings.assessmentId, next.id), eq(characteristicRatings.characteristicKey, "funding")));
    expect(await statusOf(h.db, assessment.id)).toBe("published");
    const [event] = await eventsOf(next.id);
    expect(event).toMatchObject({ action: "assessment.start_next_cycle", actorRole: "leadership" });
  });

  it("refuses a second open cycle, a copy of an unpublished assessment, and a taken cycle name", async () => {
    const { cast, assessment } = await publishedWithEverything();
    const dup = await expectTrpcError(
      caller(cast, "leadership").workflow.startNextCycle({ assessmentId: assessment.id, cycle: assessment.cycle }),
      "BAD_REQUEST",
    );
    expect((dup.cause as DomainError).fieldErrors?.cycle?.[0]).toContain("already has an assessment");
    const { assessment: next } = await caller(cast, "leadership").workflow.startNextCycle({ assessmentId: assessment.id, cycle: "2027" });
    await expectTrpcError(caller(cast, "leadership").workflow.startNextCycle({ assessmentId: assessment.id, cycle: "2028" }), "CONFLICT");
    await expectTrpcError(caller(cast, "leadership").workflow.startNextCycle({ assessmentId: next.id, cycle: "2028" }), "CONFLICT");
  });
});

describe("the lifecycle trigger", () => {
  const allowed = new Set(ALLOWED_STATUS_CHANGES.map(([f, t]) => `${f}->${t}`));
  for (const from of ASSESSMENT_STATUSES) {
    for (const to of ASSESSMENT_STATUSES.filter((s) => s !== from)) {
      const ok = allowed.has(`${from}->${to}`);
      it(`${ok ? "allows" : "refuses"} a direct update from ${from} to ${to}`, async () => {
        const city = await makeCity(h.db);
        const author = await makeMember(h.db, city.id, "department");
        const assessment = await makeAssessment(h.db, { ...READY, cityId: city.id, status: from, authorId: author.id });
        const attempt = h.db.update(assessments).set({ status: to }).where(eq(assessments.id, assessment.id));
        if (ok) {
          await attempt;
          expect(await statusOf(h.db, assessment.id)).toBe(to);
        } else {
          await expectRefusedByDatabase(attempt, "SCW01");
          expect(await statusOf(h.db, assessment.id)).toBe(from);
        }
      });
    }
  }
});

describe("notifications from the lifecycle", () => {
  async function kindsFor(userId: string) {
    const rows = await h.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.createdAt));
    return rows.map((r) => r.kind);
  }

  it("tells experts of review, leadership of rating, everyone in the city of publication, never the actor", async () => {
    const { cast, assessment } = await castWithAssessment("draft");
    await caller(cast, "leadership").workflow.submitForReview({ assessmentId: assessment.id });
    expect(await kindsFor(cast.users.expert.id)).toEqual(["assessment_in_review"]);
    expect(await kindsFor(cast.users.leadership.id)).toEqual([]);

    await caller(cast, "expert").workflow.markRated({ assessmentId: assessment.id });
    expect(await kindsFor(cast.users.leadership.id)).toEqual(["assessment_rated"]);
    expect(await kindsFor(cast.users.citizen.id)).toEqual([]);

    await caller(cast, "leadership").workflow.approve({ assessmentId: assessment.id });
    await caller(cast, "leadership").workflow.publish({ assessmentId: assessment.id });
    for (const who of ["citizen", "partner", "department"] as const) {
      expect(await kindsFor(cast.users[who].id)).toEqual(["assessment_published"]);
    }
    expect(await kindsFor(cast.users.leadership.id)).toEqual(["assessment_rated"]);
    expect(await kindsFor(cast.users.outsider.id)).toEqual([]);
    const [published] = await h.db.select().from(notifications).where(eq(notifications.userId, cast.users.citizen.id));
    expect(published.params).toMatchObject({ cityName: cast.city.name, cycle: assessment.cycle });
    expect(published.href).toBe(`/cities/${cast.city.slug}`);
  });

  it("tells contributors when the assessment returns to draft, with the reason", async () => {
    const { cast, assessment } = await castWithAssessment("in_review");
    await caller(cast, "expert").workflow.returnToDraft({ assessmentId: assessment.id, reason: "Funding evidence missing" });
    const [row] = await h.db.select().from(notifications).where(eq(notifications.userId, cast.users.department.id));
    expect(row).toMatchObject({ kind: "assessment_returned_to_draft", href: "/workspace" });
    expect(row.params).toMatchObject({ reason: "Funding evidence missing" });
  });

  it("writes no notification when the transition fails", async () => {
    const { cast, assessment } = await castWithAssessment("in_review");
    await expectTrpcError(caller(cast, "citizen").workflow.markRated({ assessmentId: assessment.id }), "FORBIDDEN");
    expect(await kindsFor(cast.users.leadership.id)).toEqual([]);
  });
});
