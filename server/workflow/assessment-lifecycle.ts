/**
 * The assessment lifecycle as a pure state machine: the states, every transition with the roles
 * that may make it, and its preconditions as checks over a snapshot of the assessment. The database
 * side (transition-assessment.ts) builds the snapshot, asks `decideTransition`, and applies the
 * answer in one guarded update; a trigger (migration `workflow_guards`) refuses any status change
 * that is not in `ALLOWED_STATUS_CHANGES`, so even a hand-written UPDATE cannot skip a step.
 *
 *   draft ──submit_for_review──► in_review ──mark_rated──► rated ──approve──► approved ──publish──► published
 *     ▲                              │                      │  ▲                 │                    │
 *     └──────return_to_draft─────────┴──────────────────────┘  └─withdraw_approval┘◄────unpublish───────┘
 *
 * Nothing here imports the database, tRPC or React.
 */
import type { Action, Role } from "@/server/auth/permissions";
import type { AssessmentScore, ScoringProblem, ScoringResult } from "@/server/scoring/score-assessment";
import {
  type AssessmentStatus,
  type CharacteristicKey,
  type EvidenceStatus,
  TRANSITION_NAMES,
  type TransitionName,
} from "@/shared/domain-values";

/** Free text a transition records: a reason for going back, a comment with an approval. */
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 2000;

export type TransitionDefinition = {
  name: TransitionName;
  from: readonly AssessmentStatus[];
  to: AssessmentStatus;
  /** The permission-table action the procedure builder checks; the roles below must equal its roles. */
  action: Action;
  roles: readonly Role[];
  /** Going back needs a written reason, shown to the people who must act on it. */
  requiresReason: boolean;
  /** The event written to the audit trail. */
  auditAction: `assessment.${TransitionName}`;
};

export const TRANSITIONS: Readonly<Record<TransitionName, TransitionDefinition>> = {
  submit_for_review: {
    name: "submit_for_review",
    from: ["draft"],
    to: "in_review",
    action: "assessment:submit_for_review",
    roles: ["leadership", "expert", "admin"],
    requiresReason: false,
    auditAction: "assessment.submit_for_review",
  },
  mark_rated: {
    name: "mark_rated",
    from: ["in_review"],
    to: "rated",
    action: "assessment:mark_rated",
    roles: ["expert"],
    requiresReason: false,
    auditAction: "assessment.mark_rated",
  },
  return_to_draft: {
    name: "return_to_draft",
    from: ["in_review", "rated"],
    to: "draft",
    action: "assessment:return_to_draft",
    roles: ["leadership", "expert"],
    requiresReason: true,
    auditAction: "assessment.return_to_draft",
  },
  approve: {
    name: "approve",
    from: ["rated"],
    to: "approved",
    action: "assessment:approve",
    roles: ["leadership"],
    requiresReason: false,
    auditAction: "assessment.approve",
  },
  withdraw_approval: {
    name: "withdraw_approval",
    from: ["approved"],
    to: "rated",
    action: "assessment:withdraw_approval",
    roles: ["leadership"],
    requiresReason: true,
    auditAction: "assessment.withdraw_approval",
  },
  publish: {
    name: "publish",
    from: ["approved"],
    to: "published",
    action: "assessment:publish",
    roles: ["leadership"],
    requiresReason: false,
    auditAction: "assessment.publish",
  },
  unpublish: {
    name: "unpublish",
    from: ["published"],
    to: "approved",
    action: "assessment:unpublish",
    roles: ["admin"],
    requiresReason: true,
    auditAction: "assessment.unpublish",
  },
};

/** Every (from, to) pair some transition makes; the database trigger allows exactly these. */
export const ALLOWED_STATUS_CHANGES: readonly (readonly [AssessmentStatus, AssessmentStatus])[] = TRANSITION_NAMES.flatMap((name) =>
  TRANSITIONS[name].from.map((from) => [from, TRANSITIONS[name].to] as const),
);

export function isAllowedStatusChange(from: AssessmentStatus, to: AssessmentStatus): boolean {
  return ALLOWED_STATUS_CHANGES.some(([f, t]) => f === from && t === to);
}

/** What the preconditions look at; built from the database in one place (transition-assessment.ts). */
export type LifecycleSnapshot = {
  status: AssessmentStatus;
  evidenceCounts: Readonly<Record<EvidenceStatus, number>>;
  /** The scoring core's result over the stored judgements and ratings. */
  score: ScoringResult<AssessmentScore>;
  approvals: {
    /** Approvals recorded in the current approval round. */
    inRound: number;
    /** From the city's configuration (at least 1). */
    required: number;
    /** Whether the acting user has approved in this round already. */
    byActor: boolean;
  };
  /** For unpublish: another assessment of the city that is not published (only one may be open). */
  otherOpenAssessment: { id: string; cycle: string } | null;
  /** Judgements and ratings copied from the previous cycle that no expert has confirmed yet. */
  carriedOver: { judgements: number; ratings: number };
};

export type PreconditionProblem =
  | { code: "NO_EVIDENCE"; message: string }
  | { code: "EVIDENCE_AWAITING_REVIEW"; message: string; count: number }
  | { code: "SCORING_PROBLEMS"; message: string; problems: ScoringProblem[] }
  | { code: "CHARACTERISTICS_WITHOUT_LEVEL"; message: string; characteristicKeys: CharacteristicKey[] }
  | { code: "CARRIED_OVER_UNCONFIRMED"; message: string; judgements: number; ratings: number }
  | { code: "ALREADY_APPROVED"; message: string }
  | { code: "ANOTHER_ASSESSMENT_OPEN"; message: string; assessmentId: string; cycle: string };

type Precondition = (snapshot: LifecycleSnapshot) => PreconditionProblem[];

const hasEvidenceToReview: Precondition = (s) =>
  s.evidenceCounts.submitted + s.evidenceCounts.accepted > 0
    ? []
    : [{ code: "NO_EVIDENCE", message: "There is no submitted or accepted evidence to review yet." }];

const noEvidenceAwaitingReview: Precondition = (s) =>
  s.evidenceCounts.submitted === 0
    ? []
    : [
        {
          code: "EVIDENCE_AWAITING_REVIEW",
          message: `${s.evidenceCounts.submitted} piece(s) of evidence still await review.`,
          count: s.evidenceCounts.submitted,
        },
      ];

/**
 * Every rateable characteristic has a final level on the ladder, or an expert has rated it
 * explicitly "not assessed" and written why.
 */
const everyRateableCharacteristicSettled: Precondition = (s) => {
  if (!s.score.ok) {
    return [
      {
        code: "SCORING_PROBLEMS",
        message: `The judgements and ratings cannot be scored: ${s.score.errors.map((e) => e.message).join("; ")}`,
        problems: s.score.errors,
      },
    ];
  }
  const missing = s.score.value.characteristics
    .filter((c) => c.rateable && c.finalLevel === "not_assessed" && !(c.ratedLevel === "not_assessed" && c.justification))
    .map((c) => c.key);
  return missing.length === 0
    ? []
    : [
        {
          code: "CHARACTERISTICS_WITHOUT_LEVEL",
          message: `These characteristics have neither a level nor a reasoned "not assessed": ${missing.join(", ")}.`,
          characteristicKeys: missing,
        },
      ];
};

/**
 * A result copied from the previous cycle is a starting point, not a judgement of this cycle: an
 * expert confirms (or changes) every carried-over judgement and rating before the assessment is
 * rated, and approval and publication check it again for assessments rated before this rule.
 */
const noUnconfirmedCarriedOver: Precondition = (s) => {
  const { judgements, ratings } = s.carriedOver;
  if (judgements === 0 && ratings === 0) return [];
  const back = s.status === "in_review" || s.status === "draft" ? "" : " Return the assessment to draft so an expert can confirm them.";
  return [
    {
      code: "CARRIED_OVER_UNCONFIRMED",
      message: `${judgements} judgement(s) and ${ratings} rating(s) carried over from the previous cycle are not yet confirmed by an expert.${back}`,
      judgements,
      ratings,
    },
  ];
};

const notYetApprovedByActor: Precondition = (s) =>
  s.approvals.byActor ? [{ code: "ALREADY_APPROVED", message: "You have already approved this round." }] : [];

const noOtherOpenAssessment: Precondition = (s) =>
  s.otherOpenAssessment
    ? [
        {
          code: "ANOTHER_ASSESSMENT_OPEN",
          message: `The city's assessment ${s.otherOpenAssessment.cycle} is open; a city has one open assessment at a time, so this one cannot be reopened.`,
          assessmentId: s.otherOpenAssessment.id,
          cycle: s.otherOpenAssessment.cycle,
        },
      ]
    : [];

export const PRECONDITIONS: Readonly<Record<TransitionName, readonly Precondition[]>> = {
  submit_for_review: [hasEvidenceToReview],
  mark_rated: [noEvidenceAwaitingReview, everyRateableCharacteristicSettled, noUnconfirmedCarriedOver],
  return_to_draft: [],
  approve: [notYetApprovedByActor, noUnconfirmedCarriedOver],
  withdraw_approval: [],
  publish: [noUnconfirmedCarriedOver],
  unpublish: [noOtherOpenAssessment],
};

export type TransitionRequest = {
  transition: TransitionName;
  role: Role;
  snapshot: LifecycleSnapshot;
  reason?: string | null;
};

export type TransitionDecision =
  | {
      ok: true;
      transition: TransitionName;
      from: AssessmentStatus;
      /** The status after the request; equals `from` when an approval is recorded but more are needed. */
      to: AssessmentStatus;
      /** False only for an approval that still waits for other leadership members. */
      changesStatus: boolean;
    }
  | { ok: false; refusal: "ROLE_NOT_ALLOWED"; message: string }
  | { ok: false; refusal: "NOT_FROM_THIS_STATUS"; message: string; status: AssessmentStatus }
  | { ok: false; refusal: "REASON_REQUIRED"; message: string }
  | { ok: false; refusal: "PRECONDITIONS_FAILED"; message: string; problems: PreconditionProblem[] };

export function canMakeTransition(role: Role, transition: TransitionName): boolean {
  return TRANSITIONS[transition].roles.includes(role);
}

export function hasUsableReason(reason: string | null | undefined): boolean {
  return typeof reason === "string" && reason.trim().length >= REASON_MIN_LENGTH;
}

/**
 * Decides one request. Checks in the order a person would want to hear about them: who you are,
 * where the assessment is, what you wrote, then what the assessment still lacks.
 */
export function decideTransition(request: TransitionRequest): TransitionDecision {
  const definition = TRANSITIONS[request.transition];
  const { snapshot } = request;
  if (!canMakeTransition(request.role, request.transition)) {
    return {
      ok: false,
      refusal: "ROLE_NOT_ALLOWED",
      message: `Your role (${request.role}) may not ${request.transition.replaceAll("_", " ")}.`,
    };
  }
  if (!definition.from.includes(snapshot.status)) {
    return {
      ok: false,
      refusal: "NOT_FROM_THIS_STATUS",
      message: `An assessment that is ${snapshot.status.replace("_", " ")} cannot ${request.transition.replaceAll("_", " ")}.`,
      status: snapshot.status,
    };
  }
  if (definition.requiresReason && !hasUsableReason(request.reason)) {
    return { ok: false, refusal: "REASON_REQUIRED", message: "Give a reason (at least 3 characters)." };
  }
  const problems = PRECONDITIONS[request.transition].flatMap((check) => check(snapshot));
  if (problems.length > 0) {
    return { ok: false, refusal: "PRECONDITIONS_FAILED", message: problems.map((p) => p.message).join(" "), problems };
  }
  if (request.transition === "approve") {
    const afterThisApproval = snapshot.approvals.inRound + 1;
    const enough = afterThisApproval >= Math.max(1, snapshot.approvals.required);
    return { ok: true, transition: "approve", from: snapshot.status, to: enough ? "approved" : snapshot.status, changesStatus: enough };
  }
  return { ok: true, transition: request.transition, from: snapshot.status, to: definition.to, changesStatus: true };
}

export type TransitionOption = {
  transition: TransitionName;
  /** Open to this role from this status; `blockedBy` lists what is still missing. */
  blockedBy: PreconditionProblem[];
  requiresReason: boolean;
};

/**
 * The transitions a role could make from the current status, each with what still blocks it. The
 * dashboard turns this into "what is waiting on you" and the buttons it shows.
 */
export function transitionOptions(role: Role, snapshot: LifecycleSnapshot): TransitionOption[] {
  return TRANSITION_NAMES.filter((name) => canMakeTransition(role, name) && TRANSITIONS[name].from.includes(snapshot.status)).map(
    (name) => ({
      transition: name,
      blockedBy: PRECONDITIONS[name].flatMap((check) => check(snapshot)),
      requiresReason: TRANSITIONS[name].requiresReason,
    }),
  );
}
