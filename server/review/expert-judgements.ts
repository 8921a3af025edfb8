import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { users } from "@/db/schema/identity";
import { characteristicOf, criterionOf, frameworkOf } from "@/server/assessments/assessment-framework";
import { canJudge, phaseRefusal } from "@/server/assessments/assessment-phase";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { CharacteristicKey } from "@/shared/domain-values";
import { lockJudgingPhase } from "./judging-phase";
import { loadAssessmentScore } from "./live-assessment-score";
import type { CharacteristicRatingInput, CriterionJudgementInput } from "./review-schemas";

type Assessment = typeof assessments.$inferSelect;
type Actor = { userId: string; role: Role };

/** A fast refusal before any work; the authoritative check is `lockJudgingPhase` inside the write. */
function assertJudgingOpen(assessment: Assessment): void {
  if (!canJudge(assessment.status)) throw new DomainError("INVALID_TRANSITION", phaseRefusal(assessment.status));
}

async function currentJudgement(db: DbOrTx, assessmentId: string, criterionKey: string) {
  const [row] = await db
    .select({
      judgement: criterionJudgements.judgement,
      note: criterionJudgements.note,
      evidenceIds: criterionJudgements.evidenceIds,
      version: criterionJudgements.version,
      updatedByName: users.name,
      updatedAt: criterionJudgements.updatedAt,
    })
    .from(criterionJudgements)
    .leftJoin(users, eq(users.id, criterionJudgements.updatedBy))
    .where(and(eq(criterionJudgements.assessmentId, assessmentId), eq(criterionJudgements.criterionKey, criterionKey)))
    .limit(1);
  return row ?? null;
}

async function currentRating(db: DbOrTx, assessmentId: string, characteristicKey: CharacteristicKey) {
  const [row] = await db
    .select({
      level: characteristicRatings.level,
      justification: characteristicRatings.justification,
      version: characteristicRatings.version,
      updatedByName: users.name,
      updatedAt: characteristicRatings.updatedAt,
    })
    .from(characteristicRatings)
    .leftJoin(users, eq(users.id, characteristicRatings.updatedBy))
    .where(and(eq(characteristicRatings.assessmentId, assessmentId), eq(characteristicRatings.characteristicKey, characteristicKey)))
    .limit(1);
  return row ?? null;
}

function versionConflict(what: string, current: { version: number; updatedByName: string | null } | null): DomainError {
  const message = current
    ? `${what} was changed by ${current.updatedByName ?? "someone else"} while you were editing (now version ${current.version}). Review the newer value and save again.`
    : `${what} was removed while you were editing. Review and save again.`;
  return new DomainError("CONFLICT", message, { details: { current } });
}

/** Linked evidence must be accepted evidence of the same assessment. */
async function checkLinkedEvidence(db: DbOrTx, assessmentId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(inArray(evidence.id, unique), eq(evidence.assessmentId, assessmentId), eq(evidence.status, "accepted")));
  const ok = new Set(found.map((r) => r.id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length) {
    const message = "Only accepted evidence of this assessment can support a judgement.";
    throw new DomainError("BAD_REQUEST", message, { fieldErrors: { evidenceIds: [message] }, details: { invalidEvidenceIds: bad } });
  }
  return unique;
}

/**
 * An expert judges one criterion. First save with `expectedVersion: null` creates it; later saves
 * must name the version they started from, else CONFLICT with the newer value. Returns the fresh
 * score so the page shows the derived level change at once.
 */
export async function saveCriterionJudgement(db: Db, actor: Actor, assessment: Assessment, input: CriterionJudgementInput) {
  assertJudgingOpen(assessment);
  const criterion = criterionOf(frameworkOf(assessment), input.criterionKey);
  if (!criterion) {
    throw new DomainError("BAD_REQUEST", `Unknown criterion "${input.criterionKey}".`, {
      fieldErrors: { criterionKey: [`Unknown criterion "${input.criterionKey}" in this framework edition.`] },
    });
  }
  const saved = await db.transaction(async (tx) => {
    await lockJudgingPhase(tx, assessment.id);
    const evidenceIds = await checkLinkedEvidence(tx, assessment.id, input.evidenceIds);
    const values = {
      judgement: input.judgement,
      note: input.note ?? null,
      evidenceIds,
      carriedOver: false,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    const before = input.expectedVersion === null ? null : await currentJudgement(tx, assessment.id, criterion.key);
    let row: typeof criterionJudgements.$inferSelect | undefined;
    if (input.expectedVersion === null) {
      [row] = await tx
        .insert(criterionJudgements)
        .values({
          ...values,
          cityId: assessment.cityId,
          assessmentId: assessment.id,
          characteristicKey: criterion.characteristicKey,
          criterionKey: criterion.key,
        })
        .onConflictDoNothing({ target: [criterionJudgements.assessmentId, criterionJudgements.criterionKey] })
        .returning();
    } else {
      [row] = await tx
        .update(criterionJudgements)
        .set({ ...values, version: sql`${criterionJudgements.version} + 1` })
        .where(
          and(
            eq(criterionJudgements.assessmentId, assessment.id),
            eq(criterionJudgements.criterionKey, criterion.key),
            eq(criterionJudgements.version, input.expectedVersion),
          ),
        )
        .returning();
    }
    if (!row) throw versionConflict("This judgement", await currentJudgement(tx, assessment.id, criterion.key));
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "judgement.save",
      entityType: "criterion_judgement",
      entityId: row.id,
      cityId: assessment.cityId,
      assessmentId: assessment.id,
      before: before && { judgement: before.judgement, note: before.note, evidenceIds: before.evidenceIds, version: before.version },
      after: {
        criterionKey: row.criterionKey,
        judgement: row.judgement,
        note: row.note,
        evidenceIds: row.evidenceIds,
        version: row.version,
      },
    });
    return row;
  });
  return { judgement: saved, score: await loadAssessmentScore(db, assessment) };
}

/** An expert sets the rated level of a characteristic, always with a written justification. */
export async function saveCharacteristicRating(db: Db, actor: Actor, assessment: Assessment, input: CharacteristicRatingInput) {
  assertJudgingOpen(assessment);
  const characteristic = characteristicOf(frameworkOf(assessment), input.characteristicKey);
  if (!characteristic?.rateable) {
    const message = "This characteristic has no maturity criteria in the framework and is reported unrated.";
    throw new DomainError("BAD_REQUEST", message, { fieldErrors: { level: [message] } });
  }
  const values = {
    level: input.level,
    justification: input.justification,
    carriedOver: false,
    updatedBy: actor.userId,
    updatedAt: new Date(),
  };
  const saved = await db.transaction(async (tx) => {
    await lockJudgingPhase(tx, assessment.id);
    const before = input.expectedVersion === null ? null : await currentRating(tx, assessment.id, characteristic.key);
    let row: typeof characteristicRatings.$inferSelect | undefined;
    if (input.expectedVersion === null) {
      [row] = await tx
        .insert(characteristicRatings)
        .values({ ...values, cityId: assessment.cityId, assessmentId: assessment.id, characteristicKey: characteristic.key })
        .onConflictDoNothing({ target: [characteristicRatings.assessmentId, characteristicRatings.characteristicKey] })
        .returning();
    } else {
      [row] = await tx
        .update(characteristicRatings)
        .set({ ...values, version: sql`${characteristicRatings.version} + 1` })
        .where(
          and(
            eq(characteristicRatings.assessmentId, assessment.id),
            eq(characteristicRatings.characteristicKey, characteristic.key),
            eq(characteristicRatings.version, input.expectedVersion),
          ),
        )
        .returning();
    }
    if (!row) throw versionConflict("This rating", await currentRating(tx, assessment.id, characteristic.key));
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "rating.save",
      entityType: "characteristic_rating",
      entityId: row.id,
      cityId: assessment.cityId,
      assessmentId: assessment.id,
      before: before && { level: before.level, justification: before.justification, version: before.version },
      after: { characteristicKey: row.characteristicKey, level: row.level, justification: row.justification, version: row.version },
    });
    return row;
  });
  return { rating: saved, score: await loadAssessmentScore(db, assessment) };
}

/** Removes a rated level so the derived level counts again; versioned like an edit. */
export async function clearCharacteristicRating(
  db: Db,
  actor: Actor,
  assessment: Assessment,
  input: { characteristicKey: CharacteristicKey; expectedVersion: number },
) {
  assertJudgingOpen(assessment);
  await db.transaction(async (tx) => {
    await lockJudgingPhase(tx, assessment.id);
    const [removed] = await tx
      .delete(characteristicRatings)
      .where(
        and(
          eq(characteristicRatings.assessmentId, assessment.id),
          eq(characteristicRatings.characteristicKey, input.characteristicKey),
          eq(characteristicRatings.version, input.expectedVersion),
        ),
      )
      .returning();
    if (!removed) throw versionConflict("This rating", await currentRating(tx, assessment.id, input.characteristicKey));
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "rating.clear",
      entityType: "characteristic_rating",
      entityId: removed.id,
      cityId: assessment.cityId,
      assessmentId: assessment.id,
      before: {
        characteristicKey: removed.characteristicKey,
        level: removed.level,
        justification: removed.justification,
        version: removed.version,
      },
      after: null,
    });
  });
  return { score: await loadAssessmentScore(db, assessment) };
}
