import { describe, expect, it } from "vitest";
import { canAnswerChangeRequest, canChangeEvidence, canContribute, canJudge } from "@/server/assessments/assessment-phase";

const PHASES = ["draft", "in_review", "rated", "approved", "published"] as const;

describe("what each assessment phase allows", () => {
  it("takes new evidence only in draft", () => {
    expect(PHASES.filter(canContribute)).toEqual(["draft"]);
  });

  it("takes answers to change requests in draft and in review", () => {
    expect(PHASES.filter(canAnswerChangeRequest)).toEqual(["draft", "in_review"]);
  });

  it("lets experts review, judge and rate in draft and in review, never later", () => {
    expect(PHASES.filter(canJudge)).toEqual(["draft", "in_review"]);
  });

  it("lets the author change submitted evidence in draft, and answered change requests in review", () => {
    expect(canChangeEvidence("draft", "submitted")).toBe(true);
    expect(canChangeEvidence("in_review", "submitted")).toBe(false);
    expect(canChangeEvidence("in_review", "changes_requested")).toBe(true);
    expect(canChangeEvidence("rated", "changes_requested")).toBe(false);
  });

  it("never lets accepted, rejected or withdrawn evidence change", () => {
    for (const phase of PHASES) {
      for (const status of ["accepted", "rejected", "withdrawn"] as const) expect(canChangeEvidence(phase, status)).toBe(false);
    }
  });
});
