import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { evidenceRevisions } from "@/db/schema/evidence";
import { fieldErrorsOf, SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { callerFor, castCaller, makeCastWithAssessment, makeCityCast, makeMember, makeUser, moveAssessmentTo } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

/** A city with a draft assessment and callers for its contributors and the expert. */
async function setup() {
  const { cast, assessment } = await makeCastWithAssessment(h.db);
  const [department, partner, expert] = (["department", "partner", "expert"] as const).map((who) => castCaller(h.db, cast, who));
  const submitKpi = (title = "Fibre coverage") =>
    department.evidence.submit({ assessmentId: assessment.id, characteristicKey: "ict_infrastructure", ...SAMPLE_CONTENT.kpi, title });
  return { cast, assessment, department, partner, expert, submitKpi };
}

async function revisionCount(evidenceId: string) {
  const [row] = await h.db.select({ n: count() }).from(evidenceRevisions).where(eq(evidenceRevisions.evidenceId, evidenceId));
  return row.n;
}

describe("revision history", () => {
  it("keeps every earlier revision readable after each edit", async () => {
    const { department, submitKpi } = await setup();
    const created = await submitKpi("Coverage v1");
    await department.evidence.revise({
      evidenceId: created.id,
      expectedRevision: 1,
      ...SAMPLE_CONTENT.kpi,
      title: "Coverage v2",
      payload: { ...SAMPLE_CONTENT.kpi.payload, value: 90 },
    });
    await department.evidence.revise({
      evidenceId: created.id,
      expectedRevision: 2,
      ...SAMPLE_CONTENT.kpi,
      title: "Coverage v3",
      payload: { ...SAMPLE_CONTENT.kpi.payload, value: 91.2 },
    });
    const detail = await department.evidence.get({ evidenceId: created.id });
    expect(detail.evidence.currentRevision).toBe(3);
    expect(detail.evidence.title).toBe("Coverage v3");
    expect(detail.revisions.map((r) => [r.revision, r.title, (r.payload as { value: number }).value])).toEqual([
      [3, "Coverage v3", 91.2],
      [2, "Coverage v2", 90],
      [1, "Coverage v1", 87.5],
    ]);
  });

  it("refuses an edit written against an older revision (two tabs), keeping the newer one", async () => {
    const { department, submitKpi } = await setup();
    const created = await submitKpi();
    await department.evidence.revise({ evidenceId: created.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi, title: "First tab" });
    const stale = department.evidence.revise({ evidenceId: created.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi, title: "Second tab" });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("now revision 2") });
    expect(await revisionCount(created.id)).toBe(2);
    expect((await department.evidence.get({ evidenceId: created.id })).evidence.title).toBe("First tab");
  });

  it("refuses edits by anyone but the author", async () => {
    const { cast, submitKpi } = await setup();
    const created = await submitKpi();
    const colleague = await makeMember(h.db, cast.city.id, "department");
    await expect(
      callerFor(h.db, colleague.id).evidence.revise({ evidenceId: created.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only the author can change this evidence." });
    expect(await revisionCount(created.id)).toBe(1);
  });

  it("refuses changing the kind of evidence in a revision", async () => {
    const { department, submitKpi } = await setup();
    const created = await submitKpi();
    const error = await department.evidence
      .revise({ evidenceId: created.id, expectedRevision: 1, ...SAMPLE_CONTENT.link })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(error).kind?.[0]).toBe("This evidence is a kpi; its kind cannot change.");
  });
});

describe("review decisions and change requests", () => {
  it("sends evidence back with a note; the author's answer is a new revision back in the queue", async () => {
    const { cast, department, expert, submitKpi } = await setup();
    const created = await submitKpi();
    await expert.review.decide({
      evidenceId: created.id,
      revision: 1,
      decision: "changes_requested",
      note: "Give the 2025 figure, not 2024.",
    });

    const mine = await department.evidence.mine({ status: "changes_requested" });
    const entry = mine.items.find((i) => i.id === created.id);
    expect(entry?.latestReview).toMatchObject({ decision: "changes_requested", note: "Give the 2025 figure, not 2024.", revision: 1 });
    expect(entry?.canChange).toBe(true);

    const resubmitted = await department.evidence.revise({
      evidenceId: created.id,
      expectedRevision: 1,
      ...SAMPLE_CONTENT.kpi,
      payload: { ...SAMPLE_CONTENT.kpi.payload, measuredOn: "2025-12-31" },
    });
    expect(resubmitted).toMatchObject({ status: "submitted", currentRevision: 2 });

    const queue = await expert.review.queue({ cityId: cast.city.id });
    expect(queue.items.find((i) => i.id === created.id)).toMatchObject({ currentRevision: 2 });
    const [audit] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, created.id), eq(auditEvents.action, "evidence.resubmit")));
    expect(audit.before).toMatchObject({ status: "changes_requested", revision: 1 });

    await expert.review.decide({ evidenceId: created.id, revision: 2, decision: "accepted" });
    const detail = await department.evidence.get({ evidenceId: created.id });
    expect(detail.evidence.status).toBe("accepted");
    expect(detail.reviews.map((r) => [r.revision, r.decision])).toEqual([
      [2, "accepted"],
      [1, "changes_requested"],
    ]);
  });

  it("requires a note to reject or to request changes", async () => {
    const { expert, submitKpi } = await setup();
    const created = await submitKpi();
    for (const decision of ["rejected", "changes_requested"] as const) {
      const error = await expert.review.decide({ evidenceId: created.id, revision: 1, decision }).catch((e: unknown) => e);
      expect((error as { code: string }).code).toBe("BAD_REQUEST");
      expect(fieldErrorsOf(error).note?.[0]).toMatch(decision === "rejected" ? /why the evidence is rejected/ : /what should change/);
    }
  });

  it("gives the second of two experts deciding the same revision a conflict", async () => {
    const { expert, submitKpi } = await setup();
    const created = await submitKpi();
    const secondExpert = callerFor(h.db, (await makeUser(h.db, { globalRole: "expert" })).id);
    await expert.review.decide({ evidenceId: created.id, revision: 1, decision: "accepted" });
    await expect(
      secondExpert.review.decide({ evidenceId: created.id, revision: 1, decision: "rejected", note: "Not relevant." }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already reviewed (accepted)") });
  });

  it("refuses a decision on a revision the author has since replaced", async () => {
    const { department, expert, submitKpi } = await setup();
    const created = await submitKpi();
    await department.evidence.revise({ evidenceId: created.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi, title: "Updated" });
    await expect(expert.review.decide({ evidenceId: created.id, revision: 1, decision: "accepted" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Revision 2 was submitted after the one you reviewed"),
    });
  });

  it("lets the author withdraw evidence that is not accepted, and never accepted evidence", async () => {
    const { department, expert, submitKpi } = await setup();
    const pending = await submitKpi();
    expect((await department.evidence.withdraw({ evidenceId: pending.id, reason: "Duplicate" })).status).toBe("withdrawn");
    await expect(expert.review.decide({ evidenceId: pending.id, revision: 1, decision: "accepted" })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    const acceptedItem = await submitKpi();
    await expert.review.decide({ evidenceId: acceptedItem.id, revision: 1, decision: "accepted" });
    await expect(department.evidence.withdraw({ evidenceId: acceptedItem.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Accepted evidence can no longer be changed"),
    });
    await expect(
      department.evidence.revise({ evidenceId: acceptedItem.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("assessment phases", () => {
  it("in review, takes only answers to change requests", async () => {
    const { assessment, department, expert, submitKpi } = await setup();
    const waiting = await submitKpi("Waiting");
    const sentBack = await submitKpi("Sent back");
    await expert.review.decide({ evidenceId: sentBack.id, revision: 1, decision: "changes_requested", note: "Add the source." });
    await moveAssessmentTo(h.db, assessment.id, "in_review");

    await expect(submitKpi("New")).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("in review") });
    await expect(department.evidence.revise({ evidenceId: waiting.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const answered = await department.evidence.revise({ evidenceId: sentBack.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi });
    expect(answered.currentRevision).toBe(2);
    // Experts keep reviewing and judging in review.
    await expect(expert.review.decide({ evidenceId: waiting.id, revision: 1, decision: "accepted" })).resolves.toBeTruthy();
  });

  it("once rated, nothing in the evidence or the judgements changes", async () => {
    const { assessment, department, expert, submitKpi } = await setup();
    const sentBack = await submitKpi();
    const waiting = await submitKpi("Waiting");
    await expert.review.decide({ evidenceId: sentBack.id, revision: 1, decision: "changes_requested", note: "Add the source." });
    await moveAssessmentTo(h.db, assessment.id, "rated");

    await expect(department.evidence.revise({ evidenceId: sentBack.id, expectedRevision: 1, ...SAMPLE_CONTENT.kpi })).rejects.toMatchObject(
      { code: "CONFLICT", message: expect.stringContaining("rated") },
    );
    await expect(expert.review.decide({ evidenceId: waiting.id, revision: 1, decision: "accepted" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      expert.review.saveJudgement({
        assessmentId: assessment.id,
        criterionKey: "funding.basic.1",
        judgement: "met",
        expectedVersion: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      expert.review.saveRating({
        assessmentId: assessment.id,
        characteristicKey: "funding",
        level: "basic",
        justification: "Some justification.",
        expectedVersion: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("opening an assessment", () => {
  it("pins the current framework edition and allows one open assessment per city", async () => {
    const cast = await makeCityCast(h.db);
    const leadership = callerFor(h.db, cast.users.leadership.id);
    const opened = await leadership.assessments.open({ cityId: cast.city.id, cycle: "2026" });
    expect(opened).toMatchObject({ status: "draft", cycle: "2026" });
    expect((await leadership.assessments.current({ cityId: cast.city.id }))?.id).toBe(opened.id);
    await expect(leadership.assessments.open({ cityId: cast.city.id, cycle: "2027" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already has an open assessment (cycle 2026, draft)"),
    });
  });

  it("refuses a malformed cycle with a field message", async () => {
    const cast = await makeCityCast(h.db);
    const error = await callerFor(h.db, cast.users.leadership.id)
      .assessments.open({ cityId: cast.city.id, cycle: "next year" })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(error).cycle?.[0]).toMatch(/year such as 2026/);
  });
});
