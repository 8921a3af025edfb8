import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessmentStatusEnum, evidenceStatusEnum } from "@/db/schema/enums";
import { PERMISSIONS, ROLES, type Role } from "@/server/auth/permissions";
import { currentFramework } from "@/server/scoring/framework-registry";
import { type CharacteristicRating, scoreAssessment } from "@/server/scoring/score-assessment";
import {
  ALLOWED_STATUS_CHANGES,
  decideTransition,
  isAllowedStatusChange,
  type LifecycleSnapshot,
  TRANSITIONS,
  transitionOptions,
} from "@/server/workflow/assessment-lifecycle";
import {
  ASSESSMENT_STATUSES,
  type AssessmentStatus,
  EVIDENCE_STATUSES,
  type EvidenceStatus,
  TRANSITION_NAMES,
  type TransitionName,
} from "@/shared/domain-values";

const framework = currentFramework();
const rateable = framework.characteristics.filter((c) => c.rateable).map((c) => c.key);

function scoreWithRatings(ratings: CharacteristicRating[]) {
  return scoreAssessment(framework, {
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
    judgements: [],
    ratings,
  });
}

/** Every rateable characteristic rated "basic" with a justification: ready to be marked rated. */
const FULLY_RATED = scoreWithRatings(
  rateable.map((key) => ({ characteristicKey: key, level: "basic", justification: "Seen in the evidence." })),
);

function counts(partial: Partial<Record<EvidenceStatus, number>> = {}): Record<EvidenceStatus, number> {
  return { submitted: 0, accepted: 0, rejected: 0, changes_requested: 0, withdrawn: 0, ...partial };
}

/** A snapshot where every precondition of every transition holds. */
function readySnapshot(status: AssessmentStatus, overrides: Partial<LifecycleSnapshot> = {}): LifecycleSnapshot {
  return {
    status,
    evidenceCounts: counts({ accepted: 3 }),
    score: FULLY_RATED,
    approvals: { inRound: 0, required: 1, byActor: false },
    otherOpenAssessment: null,
    carriedOver: { judgements: 0, ratings: 0 },
    ...overrides,
  };
}

const REASON = "Funding evidence missing";

describe("assessment lifecycle: the tables", () => {
  it("lists the same statuses as the database enum", () => {
    expect([...ASSESSMENT_STATUSES]).toEqual(assessmentStatusEnum.enumValues);
    expect([...EVIDENCE_STATUSES]).toEqual(evidenceStatusEnum.enumValues);
  });

  it("names for each transition exactly the roles the permission table gives its action", () => {
    for (const name of TRANSITION_NAMES) {
      const definition = TRANSITIONS[name];
      expect([...definition.roles].sort(), name).toEqual([...(PERMISSIONS[definition.action].roles as readonly Role[])].sort());
    }
  });

  it("allows exactly the eight status changes of the issue", () => {
    expect(ALLOWED_STATUS_CHANGES.map(([f, t]) => `${f}->${t}`).sort()).toEqual(
      [
        "draft->in_review",
        "in_review->rated",
        "rated->approved",
        "approved->published",
        "in_review->draft",
        "rated->draft",
        "approved->rated",
        "published->approved",
      ].sort(),
    );
  });

  it("matches the status pairs the database trigger allows", () => {
    const sqlText = fs.readFileSync(path.join(process.cwd(), "db/migrations/0002_workflow_guards.sql"), "utf8");
    const pairs = [...sqlText.matchAll(/\('([a-z_]+)', '([a-z_]+)'\)/g)].map((m) => `${m[1]}->${m[2]}`).sort();
    expect(pairs).toEqual(ALLOWED_STATUS_CHANGES.map(([f, t]) => `${f}->${t}`).sort());
  });

  it("never allows skipping a step forward or jumping from draft to anything but review", () => {
    expect(isAllowedStatusChange("draft", "rated")).toBe(false);
    expect(isAllowedStatusChange("draft", "published")).toBe(false);
    expect(isAllowedStatusChange("in_review", "approved")).toBe(false);
    expect(isAllowedStatusChange("rated", "published")).toBe(false);
    expect(isAllowedStatusChange("published", "draft")).toBe(false);
  });
});

describe("assessment lifecycle: every allowed transition", () => {
  for (const name of TRANSITION_NAMES) {
    const definition = TRANSITIONS[name];
    for (const from of definition.from) {
      for (const role of definition.roles) {
        it(`lets ${role} ${name} from ${from} to ${definition.to}`, () => {
          const decision = decideTransition({ transition: name, role, snapshot: readySnapshot(from), reason: REASON });
          expect(decision).toMatchObject({ ok: true, from, to: definition.to, changesStatus: true });
        });
      }
    }
  }
});

describe("assessment lifecycle: every forbidden transition", () => {
  for (const name of TRANSITION_NAMES) {
    const definition = TRANSITIONS[name];
    for (const role of ROLES.filter((r) => !definition.roles.includes(r))) {
      it(`refuses ${name} by ${role}`, () => {
        for (const from of definition.from) {
          const decision = decideTransition({ transition: name, role, snapshot: readySnapshot(from), reason: REASON });
          expect(decision).toMatchObject({ ok: false, refusal: "ROLE_NOT_ALLOWED" });
        }
      });
    }
    for (const status of ASSESSMENT_STATUSES.filter((s) => !definition.from.includes(s))) {
      it(`refuses ${name} from ${status}`, () => {
        const decision = decideTransition({ transition: name, role: definition.roles[0], snapshot: readySnapshot(status), reason: REASON });
        expect(decision).toMatchObject({ ok: false, refusal: "NOT_FROM_THIS_STATUS", status });
      });
    }
  }
});

describe("assessment lifecycle: preconditions", () => {
  it("refuses to submit for review with no submitted or accepted evidence", () => {
    const snapshot = readySnapshot("draft", { evidenceCounts: counts({ rejected: 2, withdrawn: 1, changes_requested: 1 }) });
    const decision = decideTransition({ transition: "submit_for_review", role: "leadership", snapshot });
    expect(decision).toMatchObject({ ok: false, refusal: "PRECONDITIONS_FAILED", problems: [{ code: "NO_EVIDENCE" }] });
  });

  it("submits for review with only submitted evidence", () => {
    const snapshot = readySnapshot("draft", { evidenceCounts: counts({ submitted: 1 }) });
    expect(decideTransition({ transition: "submit_for_review", role: "expert", snapshot }).ok).toBe(true);
  });

  it("refuses to mark rated while evidence still awaits review", () => {
    const snapshot = readySnapshot("in_review", { evidenceCounts: counts({ submitted: 2, accepted: 4 }) });
    const decision = decideTransition({ transition: "mark_rated", role: "expert", snapshot });
    expect(decision).toMatchObject({ ok: false, problems: [{ code: "EVIDENCE_AWAITING_REVIEW", count: 2 }] });
  });

  it("refuses to mark rated while a rateable characteristic has no level", () => {
    const ratings = rateable.slice(1).map((key) => ({ characteristicKey: key, level: "average" as const, justification: "ok" }));
    const snapshot = readySnapshot("in_review", { score: scoreWithRatings(ratings) });
    const decision = decideTransition({ transition: "mark_rated", role: "expert", snapshot });
    expect(decision).toMatchObject({
      ok: false,
      problems: [{ code: "CHARACTERISTICS_WITHOUT_LEVEL", characteristicKeys: [rateable[0]] }],
    });
  });

  it("accepts an explicit not assessed with a reason as settled", () => {
    const ratings: CharacteristicRating[] = rateable.map((key, i) =>
      i === 0
        ? { characteristicKey: key, level: "not_assessed", justification: "No funding data this cycle" }
        : { characteristicKey: key, level: "basic", justification: "ok" },
    );
    const snapshot = readySnapshot("in_review", { score: scoreWithRatings(ratings) });
    expect(decideTransition({ transition: "mark_rated", role: "expert", snapshot }).ok).toBe(true);
  });

  it("does not accept not assessed without a reason", () => {
    const ratings: CharacteristicRating[] = rateable.map((key, i) =>
      i === 0 ? { characteristicKey: key, level: "not_assessed" } : { characteristicKey: key, level: "basic", justification: "ok" },
    );
    const snapshot = readySnapshot("in_review", { score: scoreWithRatings(ratings) });
    expect(decideTransition({ transition: "mark_rated", role: "expert", snapshot })).toMatchObject({
      ok: false,
      problems: [{ code: "CHARACTERISTICS_WITHOUT_LEVEL" }],
    });
  });

  it("never rates the characteristic without maturity criteria and does not require it", () => {
    const unrateable = framework.characteristics.find((c) => !c.rateable);
    expect(unrateable).toBeDefined();
    expect(decideTransition({ transition: "mark_rated", role: "expert", snapshot: readySnapshot("in_review") }).ok).toBe(true);
  });

  it("reports scoring problems instead of marking rated", () => {
    const score = scoreWithRatings([{ characteristicKey: rateable[0], level: "state_of_the_art" }]);
    expect(score.ok).toBe(false);
    const decision = decideTransition({ transition: "mark_rated", role: "expert", snapshot: readySnapshot("in_review", { score }) });
    expect(decision).toMatchObject({ ok: false, problems: [{ code: "SCORING_PROBLEMS" }] });
  });

  for (const name of ["return_to_draft", "withdraw_approval", "unpublish"] as const) {
    it(`requires a reason to ${name}`, () => {
      const definition = TRANSITIONS[name];
      for (const reason of [undefined, null, "", "  ", "no"]) {
        const decision = decideTransition({
          transition: name,
          role: definition.roles[0],
          snapshot: readySnapshot(definition.from[0]),
          reason,
        });
        expect(decision).toMatchObject({ ok: false, refusal: "REASON_REQUIRED" });
      }
    });
  }

  it("records a first approval without approving when the city requires two", () => {
    const snapshot = readySnapshot("rated", { approvals: { inRound: 0, required: 2, byActor: false } });
    expect(decideTransition({ transition: "approve", role: "leadership", snapshot })).toMatchObject({
      ok: true,
      from: "rated",
      to: "rated",
      changesStatus: false,
    });
  });

  it("approves with the second of two required approvals", () => {
    const snapshot = readySnapshot("rated", { approvals: { inRound: 1, required: 2, byActor: false } });
    expect(decideTransition({ transition: "approve", role: "leadership", snapshot })).toMatchObject({
      ok: true,
      to: "approved",
      changesStatus: true,
    });
  });

  it("treats a missing approval requirement as one", () => {
    const snapshot = readySnapshot("rated", { approvals: { inRound: 0, required: 0, byActor: false } });
    expect(decideTransition({ transition: "approve", role: "leadership", snapshot })).toMatchObject({ to: "approved" });
  });

  it("refuses a second approval by the same member in one round", () => {
    const snapshot = readySnapshot("rated", { approvals: { inRound: 1, required: 2, byActor: true } });
    expect(decideTransition({ transition: "approve", role: "leadership", snapshot })).toMatchObject({
      ok: false,
      problems: [{ code: "ALREADY_APPROVED" }],
    });
  });

  it("refuses to unpublish while the next cycle's assessment is open", () => {
    const snapshot = readySnapshot("published", { otherOpenAssessment: { id: "x", cycle: "2026" } });
    expect(decideTransition({ transition: "unpublish", role: "admin", snapshot, reason: REASON })).toMatchObject({
      ok: false,
      problems: [{ code: "ANOTHER_ASSESSMENT_OPEN", cycle: "2026" }],
    });
  });

  it("refuses to mark rated, approve or publish while carried-over judgements are unconfirmed", () => {
    const carriedOver = { judgements: 48, ratings: 2 };
    for (const [transition, status, role] of [
      ["mark_rated", "in_review", "expert"],
      ["approve", "rated", "leadership"],
      ["publish", "approved", "leadership"],
    ] as const) {
      const snapshot = readySnapshot(status, { carriedOver });
      expect(decideTransition({ transition, role, snapshot })).toMatchObject({
        ok: false,
        problems: [{ code: "CARRIED_OVER_UNCONFIRMED", judgements: 48, ratings: 2 }],
      });
      expect(decideTransition({ transition, role, snapshot: readySnapshot(status) }).ok).toBe(true);
    }
  });
});

describe("assessment lifecycle: options per role", () => {
  it("offers leadership approve and return on a rated assessment, nothing to a department", () => {
    const snapshot = readySnapshot("rated");
    expect(transitionOptions("leadership", snapshot).map((o) => o.transition)).toEqual(["return_to_draft", "approve"]);
    expect(transitionOptions("department", snapshot)).toEqual([]);
  });

  it("shows what blocks an option", () => {
    const snapshot = readySnapshot("in_review", { evidenceCounts: counts({ submitted: 1 }) });
    const [markRated] = transitionOptions("expert", snapshot).filter((o) => o.transition === "mark_rated");
    expect(markRated.blockedBy.map((p) => p.code)).toEqual(["EVIDENCE_AWAITING_REVIEW"]);
  });
});

describe("assessment lifecycle: properties", () => {
  const arbitraryRequest = fc.record({
    transition: fc.constantFrom(...TRANSITION_NAMES),
    role: fc.constantFrom(...ROLES),
    ready: fc.boolean(),
    reason: fc.constantFrom(undefined, "", REASON),
    required: fc.integer({ min: 1, max: 3 }),
  });

  it("only ever moves along an allowed status change, and publishes only after rating and approval", () => {
    fc.assert(
      fc.property(fc.array(arbitraryRequest, { maxLength: 60 }), (requests) => {
        let status: AssessmentStatus = "draft";
        let approvals = 0;
        let pathSinceDraft: AssessmentStatus[] = ["draft"];
        for (const request of requests) {
          const snapshot = request.ready
            ? readySnapshot(status, { approvals: { inRound: approvals, required: request.required, byActor: false } })
            : readySnapshot(status, { evidenceCounts: counts({ submitted: 1 }), score: scoreWithRatings([]) });
          const decision = decideTransition({
            transition: request.transition as TransitionName,
            role: request.role,
            snapshot,
            reason: request.reason,
          });
          if (!decision.ok) continue;
          expect(decision.from).toBe(status);
          if (!decision.changesStatus) {
            expect(decision.transition).toBe("approve");
            approvals++;
            continue;
          }
          expect(isAllowedStatusChange(decision.from, decision.to)).toBe(true);
          status = decision.to;
          approvals = 0;
          pathSinceDraft = status === "draft" ? ["draft"] : [...pathSinceDraft, status];
          if (status === "published") {
            const seen = new Set(pathSinceDraft);
            expect(seen.has("in_review") && seen.has("rated") && seen.has("approved")).toBe(true);
          }
        }
      }),
    );
  });

  it("refuses every request by a role outside the transition's roles, whatever the snapshot", () => {
    fc.assert(
      fc.property(arbitraryRequest, fc.constantFrom(...ASSESSMENT_STATUSES), (request, status) => {
        const decision = decideTransition({
          transition: request.transition,
          role: request.role,
          snapshot: readySnapshot(status),
          reason: REASON,
        });
        if (!TRANSITIONS[request.transition].roles.includes(request.role)) {
          expect(decision).toMatchObject({ ok: false, refusal: "ROLE_NOT_ALLOWED" });
        }
      }),
    );
  });
});
