import { and, count, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assessmentApprovals, assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { cities } from "@/db/schema/identity";
import { takeCityCheckpoint } from "@/server/audit/audit-checkpoints";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { invalidateCacheTags } from "@/server/cache/cache-invalidation";
import { tagsForPublicCityChange } from "@/server/cache/cache-tags";
import { DomainError } from "@/server/errors/domain-error";
import { withWorkflowGuards } from "@/server/errors/workflow-guard-errors";
import { notifyAssessmentTransition } from "@/server/notifications/assessment-notifications";
import { loadAssessmentScore } from "@/server/review/live-assessment-score";
import { type AssessmentStatus, EVIDENCE_STATUSES, type EvidenceStatus, type TransitionName } from "@/shared/domain-values";
import { decideTransition, type LifecycleSnapshot, TRANSITIONS, type TransitionDecision } from "./assessment-lifecycle";

export type WorkflowActor = { userId: string; role: Role };
type AssessmentRow = typeof assessments.$inferSelect;

export type TransitionInput = {
  transition: TransitionName;
  /** The status the person saw when they pressed the button; a different one is a conflict. */
  expectedStatus?: AssessmentStatus | null;
  /** Why it goes back (required for returns, withdrawals, unpublishing). */
  reason?: string | null;
  /** An approval's comment. */
  comment?: string | null;
};

export async function countEvidenceByStatus(db: DbOrTx, assessmentId: string): Promise<Record<EvidenceStatus, number>> {
  const rows = await db
    .select({ status: evidence.status, n: count() })
    .from(evidence)
    .where(eq(evidence.assessmentId, assessmentId))
    .groupBy(evidence.status);
  const counts = Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, 0])) as Record<EvidenceStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function listRoundApprovals(db: DbOrTx, assessmentId: string, round: number) {
  return db
    .select({ userId: assessmentApprovals.userId, comment: assessmentApprovals.comment, createdAt: assessmentApprovals.createdAt })
    .from(assessmentApprovals)
    .where(and(eq(assessmentApprovals.assessmentId, assessmentId), eq(assessmentApprovals.round, round)));
}

/** Judgements and ratings copied from the previous cycle that no expert has confirmed yet. */
export async function countUnconfirmedCarriedOver(db: DbOrTx, assessmentId: string) {
  const [[j], [r]] = await Promise.all([
    db
      .select({ n: count() })
      .from(criterionJudgements)
      .where(and(eq(criterionJudgements.assessmentId, assessmentId), eq(criterionJudgements.carriedOver, true))),
    db
      .select({ n: count() })
      .from(characteristicRatings)
      .where(and(eq(characteristicRatings.assessmentId, assessmentId), eq(characteristicRatings.carriedOver, true))),
  ]);
  return { judgements: Number(j?.n ?? 0), ratings: Number(r?.n ?? 0) };
}

/** Everything the state machine's preconditions look at, read in the caller's transaction. */
export async function loadLifecycleSnapshot(
  db: DbOrTx,
  assessment: AssessmentRow,
  approvalsRequired: number,
  actorUserId: string,
  /** All evidence of the assessment by status, when the caller has counted it already. */
  knownEvidenceCounts?: Record<EvidenceStatus, number>,
): Promise<LifecycleSnapshot> {
  const [evidenceCounts, score, approvals, [otherOpen], carriedOver] = await Promise.all([
    knownEvidenceCounts ?? countEvidenceByStatus(db, assessment.id),
    loadAssessmentScore(db, assessment),
    listRoundApprovals(db, assessment.id, assessment.approvalRound),
    db
      .select({ id: assessments.id, cycle: assessments.cycle })
      .from(assessments)
      .where(and(eq(assessments.cityId, assessment.cityId), ne(assessments.status, "published"), ne(assessments.id, assessment.id)))
      .limit(1),
    countUnconfirmedCarriedOver(db, assessment.id),
  ]);
  return {
    status: assessment.status,
    evidenceCounts,
    score,
    approvals: {
      inRound: approvals.length,
      required: approvalsRequired,
      byActor: approvals.some((a) => a.userId === actorUserId),
    },
    otherOpenAssessment: otherOpen ?? null,
    carriedOver,
  };
}

function refusalToError(decision: Extract<TransitionDecision, { ok: false }>): DomainError {
  switch (decision.refusal) {
    case "ROLE_NOT_ALLOWED":
      return new DomainError("FORBIDDEN", decision.message);
    case "NOT_FROM_THIS_STATUS":
      return new DomainError("INVALID_TRANSITION", decision.message, { details: { status: decision.status } });
    case "REASON_REQUIRED":
      return new DomainError("BAD_REQUEST", decision.message, { fieldErrors: { reason: [decision.message] } });
    case "PRECONDITIONS_FAILED":
      return new DomainError("INVALID_TRANSITION", decision.message, { details: { problems: decision.problems } });
  }
}

function conflict(current: { status: AssessmentStatus; version: number } | undefined): DomainError {
  return new DomainError(
    "CONFLICT",
    current
      ? `Someone else changed this assessment a moment ago: it is now ${current.status.replace("_", " ")}. Reload to see the change.`
      : "This assessment no longer exists.",
    { details: current ? { status: current.status, version: current.version } : undefined },
  );
}

export type TransitionResult = {
  assessment: AssessmentRow;
  transition: TransitionName;
  statusChanged: boolean;
  approvals: { count: number; required: number } | null;
};

/**
 * Makes one lifecycle transition as one transaction:
 *  1. Lock the assessment row `where id = $id and status = $from`. Of two people pressing at once
 *     exactly one gets it; the other waits, finds the status changed and gets a CONFLICT. The lock
 *     holds until commit, so everything below (approval counts included) sees a settled assessment.
 *  2. The snapshot, and the pure state machine's decision (role, status, reason, preconditions).
 *  3. `update assessments set status = $to ... where id = $id and status = $from` (status,
 *     approval round, publication dates, version), the approval row, the audit event and the
 *     notifications.
 * The database triggers refuse any status pair the state machine does not list, and any write to
 * a published assessment, whatever the code does.
 */
export async function transitionAssessment(
  db: Db,
  actor: WorkflowActor,
  assessmentId: string,
  input: TransitionInput,
): Promise<TransitionResult> {
  const definition = TRANSITIONS[input.transition];
  return withWorkflowGuards(() =>
    db.transaction(async (tx) => {
      const [seen] = await tx
        .select({ assessment: assessments, city: cities })
        .from(assessments)
        .innerJoin(cities, eq(cities.id, assessments.cityId))
        .where(eq(assessments.id, assessmentId))
        .limit(1);
      if (!seen) throw new DomainError("NOT_FOUND", "Assessment not found.");
      if (input.expectedStatus && seen.assessment.status !== input.expectedStatus) throw conflict(seen.assessment);
      const from = seen.assessment.status;

      // Lock the row only if it is still where the person saw it. A concurrent transition that
      // got here first holds the lock; once it commits, PostgreSQL re-checks the status condition
      // against the new row, finds it changed and returns nothing: the loser's CONFLICT.
      const [locked] = await tx
        .select()
        .from(assessments)
        .where(and(eq(assessments.id, assessmentId), eq(assessments.status, from)))
        .for("update");
      if (!locked) {
        const [now] = await tx
          .select({ status: assessments.status, version: assessments.version })
          .from(assessments)
          .where(eq(assessments.id, assessmentId));
        throw conflict(now);
      }

      const { city } = seen;
      const snapshot = await loadLifecycleSnapshot(tx, locked, city.approvalsRequired, actor.userId);
      const reason = input.reason?.trim() || null;
      const decision = decideTransition({ transition: input.transition, role: actor.role, snapshot, reason });
      if (!decision.ok) throw refusalToError(decision);

      let approvals: TransitionResult["approvals"] = null;
      if (input.transition === "approve") {
        await tx.insert(assessmentApprovals).values({
          cityId: city.id,
          assessmentId,
          round: locked.approvalRound,
          userId: actor.userId,
          comment: input.comment?.trim() || null,
        });
        approvals = { count: snapshot.approvals.inRound + 1, required: Math.max(1, city.approvalsRequired) };
      }
      if (input.transition === "mark_rated") approvals = { count: 0, required: Math.max(1, city.approvalsRequired) };

      // The guarded update: `where status = $from`, so it can only ever move the status it saw.
      const now = new Date();
      const [after] = await tx
        .update(assessments)
        .set({
          version: sql`${assessments.version} + 1`,
          updatedAt: now,
          ...(decision.changesStatus
            ? {
                status: decision.to,
                // Approvals belong to one round: any move forward or back asks for them afresh.
                approvalRound: sql`${assessments.approvalRound} + 1`,
              }
            : {}),
          // The first publication date stays; a republication after a withdrawal is recorded beside it
          // (and, like every publication, as an `assessment.publish` event in the audit trail).
          ...(input.transition === "publish"
            ? { ...(locked.publishedAt ? { lastRepublishedAt: now } : { publishedAt: now }), withdrawnAt: null, withdrawnReason: null }
            : {}),
          ...(input.transition === "unpublish" ? { withdrawnAt: now, withdrawnReason: reason } : {}),
        })
        .where(and(eq(assessments.id, assessmentId), eq(assessments.status, from)))
        .returning();
      if (!after) throw conflict(undefined);

      await recordAuditEvent(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: definition.auditAction,
        entityType: "assessment",
        entityId: assessmentId,
        cityId: city.id,
        assessmentId,
        before: lifecycleFields(seen.assessment),
        after: { ...lifecycleFields(after), ...(approvals ? { approvals } : {}) },
        reason: input.transition === "approve" ? input.comment?.trim() || null : reason,
      });
      if (input.transition === "publish") await takeCityCheckpoint(tx, city.id, "publication");
      // What the public sees changes only when an assessment enters or leaves "published".
      if (decision.changesStatus && (from === "published" || after.status === "published")) {
        await invalidateCacheTags(tx, tagsForPublicCityChange(city.slug));
      }
      await notifyAssessmentTransition(tx, {
        transition: input.transition,
        statusChanged: decision.changesStatus,
        city: { id: city.id, name: city.name, slug: city.slug },
        assessment: { id: assessmentId, cycle: after.cycle },
        actorId: actor.userId,
        reason,
        approvals: approvals ?? undefined,
      });
      return { assessment: after, transition: input.transition, statusChanged: decision.changesStatus, approvals };
    }),
  );
}

/** What a transition changes on the assessment row, for the audit trail's before/after. */
function lifecycleFields(row: AssessmentRow) {
  return {
    status: row.status,
    approvalRound: row.approvalRound,
    publishedAt: row.publishedAt,
    lastRepublishedAt: row.lastRepublishedAt,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
  };
}
