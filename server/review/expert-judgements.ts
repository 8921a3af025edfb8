import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { users } from "@/db/schema/identity";
import { characteristicOf, criterionOf, frameworkOf } from "@/server/assessments/assessment-framework";
import { canJudge, phaseRefusal } from "@/server/assessments/assessment-phase";
import { type AuditEventInput, recordAuditEvent, recordAuditEvents } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { CharacteristicKey } from "@/shared/domain-values";
import { lockJudgingPhase } from "./judging-phase";
import { loadAssessmentScore } from "./live-assessment-score";
import type { CharacteristicJudgementsInput, CharacteristicRatingInput, CriterionJudgementInput } from "./review-schemas";

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

type JudgementRow = typeof criterionJudgements.$inferSelect;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * An expert judges several criteria of one characteristic in one call (the batch form): one
 * transaction, the rules of `saveCriterionJudgement` for each criterion (judging open, the
 * criterion in the framework and in this characteristic, linked evidence accepted evidence of the
 * assessment, the version the expert read), all or nothing. A criterion whose judgement, note and
 * evidence are unchanged and that is not carried over is left as it is (no new version, no audit
 * event); every other one is saved with one `judgement.save` audit event exactly like a single
 * save, so the audit chain reads the same whichever form was used. On any version conflict nothing
 * is saved and CONFLICT lists every conflicting criterion with its current value.
 */
export async function saveCharacteristicJudgements(db: Db, actor: Actor, assessment: Assessment, input: CharacteristicJudgementsInput) {
  assertJudgingOpen(assessment);
  const framework = frameworkOf(assessment);
  const characteristic = characteristicOf(framework, input.characteristicKey);
  const ofCharacteristic = new Set(characteristic?.criteria.map((c) => c.key));
  const foreign = input.judgements.map((j, index) => ({ index, key: j.criterionKey })).filter((j) => !ofCharacteristic.has(j.key));
  if (foreign.length > 0) {
    const fieldErrors = Object.fromEntries(
      foreign.map((f) => [`judgements.${f.index}.criterionKey`, [`"${f.key}" is not a criterion of this characteristic.`]]),
    );
    throw new DomainError("BAD_REQUEST", "Every criterion must belong to the characteristic being judged.", {
      fieldErrors,
      details: { criterionKeys: foreign.map((f) => f.key) },
    });
  }
  const keys = input.judgements.map((j) => j.criterionKey);
  const result = await db.transaction(async (tx) => {
    await lockJudgingPhase(tx, assessment.id);
    await checkLinkedEvidence(
      tx,
      assessment.id,
      input.judgements.flatMap((j) => j.evidenceIds),
    );
    // The rows this batch touches, locked: the version checks below hold until the commit.
    const current = await tx
      .select()
      .from(criterionJudgements)
      .where(and(eq(criterionJudgements.assessmentId, assessment.id), inArray(criterionJudgements.criterionKey, keys)))
      .for("update");
    const currentByKey = new Map(current.map((row) => [row.criterionKey, row]));
    const conflicts = input.judgements.filter((j) => (currentByKey.get(j.criterionKey)?.version ?? null) !== j.expectedVersion);
    if (conflicts.length > 0)
      throw await batchConflict(
        tx,
        assessment.id,
        conflicts.map((c) => c.criterionKey),
      );

    const now = new Date();
    const saved: JudgementRow[] = [];
    const unchanged: JudgementRow[] = [];
    const events: AuditEventInput[] = [];
    const created: (typeof criterionJudgements.$inferInsert)[] = [];
    for (const item of input.judgements) {
      const before = currentByKey.get(item.criterionKey);
      const evidenceIds = [...new Set(item.evidenceIds)];
      const values = {
        judgement: item.judgement,
        note: item.note ?? null,
        evidenceIds,
        carriedOver: false,
        updatedBy: actor.userId,
        updatedAt: now,
      };
      if (!before) {
        created.push({
          ...values,
          cityId: assessment.cityId,
          assessmentId: assessment.id,
          characteristicKey: input.characteristicKey,
          criterionKey: item.criterionKey,
        });
        continue;
      }
      if (
        !before.carriedOver &&
        before.judgement === values.judgement &&
        before.note === values.note &&
        sameIds(before.evidenceIds, evidenceIds)
      ) {
        unchanged.push(before);
        continue;
      }
      const [row] = await tx
        .update(criterionJudgements)
        .set({ ...values, version: sql`${criterionJudgements.version} + 1` })
        .where(and(eq(criterionJudgements.id, before.id), eq(criterionJudgements.version, before.version)))
        .returning();
      saved.push(row);
    }
    if (created.length > 0) {
      const inserted = await tx
        .insert(criterionJudgements)
        .values(created)
        .onConflictDoNothing({ target: [criterionJudgements.assessmentId, criterionJudgements.criterionKey] })
        .returning();
      // Another expert created one of them since the rows were read: the whole batch is a conflict.
      if (inserted.length !== created.length) {
        const insertedKeys = new Set(inserted.map((r) => r.criterionKey));
        throw await batchConflict(
          tx,
          assessment.id,
          created.map((c) => c.criterionKey).filter((k) => !insertedKeys.has(k)),
        );
      }
      saved.push(...inserted);
    }
    // In the order the expert listed them, as single saves in that order would have chained.
    const order = new Map(keys.map((key, i) => [key, i]));
    saved.sort((a, b) => order.get(a.criterionKey)! - order.get(b.criterionKey)!);
    for (const row of saved) {
      const before = currentByKey.get(row.criterionKey);
      events.push({
        actorId: actor.userId,
        actorRole: actor.role,
        action: "judgement.save",
        entityType: "criterion_judgement",
        entityId: row.id,
        cityId: assessment.cityId,
        assessmentId: assessment.id,
        before: before
          ? { judgement: before.judgement, note: before.note, evidenceIds: before.evidenceIds, version: before.version }
          : null,
        after: {
          criterionKey: row.criterionKey,
          judgement: row.judgement,
          note: row.note,
          evidenceIds: row.evidenceIds,
          version: row.version,
        },
      });
    }
    await recordAuditEvents(tx, events);
    return { saved, unchanged };
  });
  return {
    characteristicKey: input.characteristicKey,
    saved: result.saved,
    unchanged: result.unchanged.map((row) => row.criterionKey),
    score: await loadAssessmentScore(db, assessment),
  };
}

async function batchConflict(tx: DbOrTx, assessmentId: string, criterionKeys: string[]): Promise<DomainError> {
  const rows = await tx
    .select({
      criterionKey: criterionJudgements.criterionKey,
      judgement: criterionJudgements.judgement,
      note: criterionJudgements.note,
      evidenceIds: criterionJudgements.evidenceIds,
      version: criterionJudgements.version,
      updatedByName: users.name,
      updatedAt: criterionJudgements.updatedAt,
    })
    .from(criterionJudgements)
    .leftJoin(users, eq(users.id, criterionJudgements.updatedBy))
    .where(and(eq(criterionJudgements.assessmentId, assessmentId), inArray(criterionJudgements.criterionKey, criterionKeys)));
  const byKey = new Map(rows.map((r) => [r.criterionKey, r]));
  const conflicts = criterionKeys.map((criterionKey) => ({ criterionKey, current: byKey.get(criterionKey) ?? null }));
  const message = `${conflicts.length === 1 ? "A judgement" : `${conflicts.length} judgements`} changed while you were editing (by someone else). Nothing was saved: review the newer values and save again.`;
  return new DomainError("CONFLICT", message, { details: { conflicts } });
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
