/**
 * What each phase of an assessment allows. Pure, so the evidence and review domain functions and the
 * workflow state machine read the same rules.
 *
 *   draft      contributors add and edit evidence; experts review, judge and rate
 *   in_review  contributors only answer change requests; experts review, judge and rate
 *   rated+     nothing in the evidence or the judgements changes any more
 */
import type { AssessmentStatus, EvidenceStatus } from "@/shared/domain-values";

/** New evidence, and edits or withdrawals of evidence nobody asked to change. */
export function canContribute(status: AssessmentStatus): boolean {
  return status === "draft";
}

/** A new revision (or a withdrawal) of evidence an expert sent back with "changes requested". */
export function canAnswerChangeRequest(status: AssessmentStatus): boolean {
  return status === "draft" || status === "in_review";
}

/** Reviewing evidence, criterion judgements and rated levels. */
export function canJudge(status: AssessmentStatus): boolean {
  return status === "draft" || status === "in_review";
}

/** Whether the author may change (revise or withdraw) evidence in its current status. */
export function canChangeEvidence(assessmentStatus: AssessmentStatus, evidenceStatus: EvidenceStatus): boolean {
  if (evidenceStatus === "changes_requested") return canAnswerChangeRequest(assessmentStatus);
  if (evidenceStatus === "submitted") return canContribute(assessmentStatus);
  return false;
}

/** A human explanation when a phase refuses a change, for the error message. */
export function phaseRefusal(status: AssessmentStatus): string {
  switch (status) {
    case "draft":
      return "The assessment is open for contributions.";
    case "in_review":
      return "The assessment is in review: only evidence with a change request can be resubmitted.";
    default:
      return `The assessment is ${status.replace("_", " ")}: evidence and judgements can no longer change.`;
  }
}
