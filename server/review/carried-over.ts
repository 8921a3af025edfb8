import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { canJudge, phaseRefusal } from "@/server/assessments/assessment-phase";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { ConfirmCarriedOverInput } from "./carried-over-schemas";
import { lockJudgingPhase } from "./judging-phase";
import { loadAssessmentScore } from "./live-assessment-score";

type Assessment = typeof assessments.$inferSelect;

/**
 * An expert confirms, as they stand, every judgement and the rating of one characteristic that
 * were carried over from the previous cycle. Until then they are a starting point only, and the
 * assessment cannot be marked rated, approved or published (assessment-lifecycle.ts). One audit
 * event names the expert, the characteristic and every criterion confirmed. Changing a judgement
 * or rating one by one confirms it too. Confirming when nothing is left to confirm changes nothing.
 */
export async function confirmCarriedOver(
  db: Db,
  actor: { userId: string; role: Role },
  assessment: Assessment,
  input: ConfirmCarriedOverInput,
) {
  if (!canJudge(assessment.status)) throw new DomainError("INVALID_TRANSITION", phaseRefusal(assessment.status));
  const confirmed = await db.transaction(async (tx) => {
    await lockJudgingPhase(tx, assessment.id);
    const now = new Date();
    const confirmation = { carriedOver: false, updatedBy: actor.userId, updatedAt: now };
    const judgements = await tx
      .update(criterionJudgements)
      .set({ ...confirmation, version: sql`${criterionJudgements.version} + 1` })
      .where(
        and(
          eq(criterionJudgements.assessmentId, assessment.id),
          eq(criterionJudgements.characteristicKey, input.characteristicKey),
          eq(criterionJudgements.carriedOver, true),
        ),
      )
      .returning({ criterionKey: criterionJudgements.criterionKey, judgement: criterionJudgements.judgement });
    const ratings = await tx
      .update(characteristicRatings)
      .set({ ...confirmation, version: sql`${characteristicRatings.version} + 1` })
      .where(
        and(
          eq(characteristicRatings.assessmentId, assessment.id),
          eq(characteristicRatings.characteristicKey, input.characteristicKey),
          eq(characteristicRatings.carriedOver, true),
        ),
      )
      .returning({ level: characteristicRatings.level });
    if (judgements.length > 0 || ratings.length > 0) {
      await recordAuditEvent(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "judgement.confirm_carried_over",
        entityType: "assessment",
        entityId: assessment.id,
        cityId: assessment.cityId,
        assessmentId: assessment.id,
        before: { characteristicKey: input.characteristicKey, carriedOver: true },
        after: {
          characteristicKey: input.characteristicKey,
          carriedOver: false,
          judgements: judgements.map((j) => ({ criterionKey: j.criterionKey, judgement: j.judgement })),
          rating: ratings[0]?.level ?? null,
        },
      });
    }
    return { judgements: judgements.length, ratings: ratings.length };
  });
  return { confirmed, score: await loadAssessmentScore(db, assessment) };
}
