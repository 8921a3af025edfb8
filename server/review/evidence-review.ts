import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { assessments } from "@/db/schema/assessments";
import { evidence, evidenceReviews, evidenceRevisions } from "@/db/schema/evidence";
import { canJudge, phaseRefusal } from "@/server/assessments/assessment-phase";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { recordKpiEvidenceMeasurement } from "@/server/kpis/kpi-register";
import { notifyEvidenceReviewed } from "@/server/notifications/assessment-notifications";
import { lockJudgingPhase } from "./judging-phase";
import type { ReviewDecisionInput } from "./review-schemas";

type Assessment = typeof assessments.$inferSelect;
type Evidence = typeof evidence.$inferSelect;

export type EvidenceReviewOutcome = {
  evidence: Evidence;
  review: typeof evidenceReviews.$inferSelect;
  /** For notifications: who should hear about the decision. */
  authorId: string;
  cityId: string;
  assessmentId: string;
};

/**
 * An expert accepts, rejects or sends back one revision of submitted evidence. Only the revision
 * in the queue can be decided, and only once: a second expert deciding at the same time, or a
 * resubmission in between, gets CONFLICT with the current state. This is the function to extend
 * with a notification to the author (the outcome names the author).
 */
export async function reviewEvidence(
  db: Db,
  actor: { userId: string; role: Role },
  assessment: Assessment,
  item: Evidence,
  input: ReviewDecisionInput,
): Promise<EvidenceReviewOutcome> {
  if (!canJudge(assessment.status)) throw new DomainError("INVALID_TRANSITION", phaseRefusal(assessment.status));
  if (item.status === "withdrawn") throw new DomainError("INVALID_TRANSITION", "The author withdrew this evidence.");
  const now = new Date();
  return db.transaction(async (tx) => {
    await lockJudgingPhase(tx, assessment.id);
    const [updated] = await tx
      .update(evidence)
      .set({ status: input.decision, version: sql`${evidence.version} + 1`, updatedAt: now })
      .where(and(eq(evidence.id, item.id), eq(evidence.status, "submitted"), eq(evidence.currentRevision, input.revision)))
      .returning();
    if (!updated) {
      const [current] = await tx
        .select({ status: evidence.status, currentRevision: evidence.currentRevision })
        .from(evidence)
        .where(eq(evidence.id, item.id));
      const message =
        current && current.currentRevision !== input.revision
          ? `Revision ${current.currentRevision} was submitted after the one you reviewed; review the newer revision.`
          : `This evidence was already reviewed (${current?.status?.replace("_", " ")}).`;
      throw new DomainError("CONFLICT", message, { details: { current } });
    }
    const [review] = await tx
      .insert(evidenceReviews)
      .values({
        cityId: item.cityId,
        evidenceId: item.id,
        revision: input.revision,
        reviewerId: actor.userId,
        decision: input.decision,
        note: input.note ?? null,
        createdAt: now,
      })
      .returning();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "evidence.review",
      entityType: "evidence",
      entityId: item.id,
      cityId: item.cityId,
      assessmentId: item.assessmentId,
      before: { status: "submitted", revision: input.revision },
      after: { status: input.decision, revision: input.revision },
      reason: input.note ?? null,
    });
    if (input.decision === "accepted" && item.kind === "kpi") {
      const [revision] = await tx
        .select({ payload: evidenceRevisions.payload })
        .from(evidenceRevisions)
        .where(and(eq(evidenceRevisions.evidenceId, item.id), eq(evidenceRevisions.revision, input.revision)));
      const payload = revision?.payload as { kpiId?: string; value: number; unit: string; measuredOn: string } | undefined;
      if (payload?.kpiId) {
        await recordKpiEvidenceMeasurement(tx, { cityId: item.cityId, evidenceId: item.id, authorId: item.authorId, payload });
      }
    }
    await notifyEvidenceReviewed(tx, {
      cityId: item.cityId,
      authorId: item.authorId,
      reviewerId: actor.userId,
      decision: input.decision,
      evidenceTitle: updated.title,
      note: input.note ?? null,
    });
    return { evidence: updated, review, authorId: item.authorId, cityId: item.cityId, assessmentId: item.assessmentId };
  });
}
