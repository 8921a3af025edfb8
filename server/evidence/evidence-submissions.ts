import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { assessments } from "@/db/schema/assessments";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { canChangeEvidence, canContribute, phaseRefusal } from "@/server/assessments/assessment-phase";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { CharacteristicKey } from "@/shared/domain-values";
import { assertEvidenceAuthor } from "./evidence-access";
import { checkEvidenceContent } from "./evidence-content-rules";
import { defaultPublicContent, type EvidenceContent } from "./evidence-schemas";

type Assessment = typeof assessments.$inferSelect;
type Evidence = typeof evidence.$inferSelect;
export type Actor = { userId: string; role: Role };

function revisionSnapshot(content: EvidenceContent) {
  return {
    kind: content.kind,
    title: content.title,
    criterionKeys: content.criterionKeys,
    payload: content.payload,
    publicContent: publicContentOf(content),
  };
}

/** Only the kinds whose content the public page can show take the choice; the rest stay private. */
function publicContentOf(content: EvidenceContent): boolean {
  if (content.kind === "ppp" || content.kind === "narrative") return false;
  return content.publicContent ?? defaultPublicContent(content.kind);
}

function fileIdOf(content: EvidenceContent): string | null {
  return content.kind === "document" ? content.payload.fileId : null;
}

/** A department or partner adds evidence to the city's assessment: revision 1, status submitted. */
export async function submitEvidence(
  db: Db,
  actor: Actor,
  assessment: Assessment,
  input: EvidenceContent & { characteristicKey: CharacteristicKey },
): Promise<Evidence> {
  if (!canContribute(assessment.status)) throw new DomainError("INVALID_TRANSITION", phaseRefusal(assessment.status));
  const { characteristicKey, ...rawContent } = input;
  const content = await checkEvidenceContent(
    db,
    { framework: frameworkOf(assessment), characteristicKey, cityId: assessment.cityId, userId: actor.userId, role: actor.role },
    rawContent as EvidenceContent,
  );
  const now = new Date();
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(evidence)
      .values({
        cityId: assessment.cityId,
        assessmentId: assessment.id,
        characteristicKey,
        kind: content.kind,
        status: "submitted",
        authorId: actor.userId,
        authorRole: actor.role,
        title: content.title,
        publicContent: publicContentOf(content),
        currentRevision: 1,
        submittedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(evidenceRevisions).values({
      cityId: assessment.cityId,
      evidenceId: created.id,
      revision: 1,
      title: content.title,
      payload: content.payload,
      criterionKeys: content.criterionKeys,
      fileId: fileIdOf(content),
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "evidence.submit",
      entityType: "evidence",
      entityId: created.id,
      cityId: assessment.cityId,
      assessmentId: assessment.id,
      after: { characteristicKey, revision: 1, ...revisionSnapshot(content) },
    });
    return created;
  });
}

function refusalFor(assessment: Assessment, item: Evidence): DomainError {
  switch (item.status) {
    case "accepted":
      return new DomainError("INVALID_TRANSITION", "Accepted evidence can no longer be changed; add new evidence instead.");
    case "rejected":
      return new DomainError("INVALID_TRANSITION", "Rejected evidence can no longer be changed; add new evidence instead.");
    case "withdrawn":
      return new DomainError("INVALID_TRANSITION", "This evidence was withdrawn.");
    default:
      return new DomainError("INVALID_TRANSITION", phaseRefusal(assessment.status));
  }
}

/**
 * The author edits evidence that is waiting for review, or answers a change request: a new
 * revision, back in the queue. Earlier revisions stay as they were. `expectedRevision` is the
 * revision the author edited, so two tabs cannot silently overwrite each other.
 */
export async function reviseEvidence(
  db: Db,
  actor: Actor,
  assessment: Assessment,
  item: Evidence,
  input: EvidenceContent & { expectedRevision: number },
): Promise<Evidence> {
  assertEvidenceAuthor(actor.role, actor.userId, item);
  if (!canChangeEvidence(assessment.status, item.status)) throw refusalFor(assessment, item);
  const { expectedRevision, ...rawContent } = input;
  if (rawContent.kind !== item.kind) {
    throw new DomainError("BAD_REQUEST", `This evidence is a ${item.kind}; its kind cannot change.`, {
      fieldErrors: { kind: [`This evidence is a ${item.kind}; its kind cannot change.`] },
    });
  }
  const content = await checkEvidenceContent(
    db,
    {
      framework: frameworkOf(assessment),
      characteristicKey: item.characteristicKey,
      cityId: item.cityId,
      userId: actor.userId,
      role: actor.role,
    },
    rawContent as EvidenceContent,
  );
  const answeringChangeRequest = item.status === "changes_requested";
  const now = new Date();
  return db.transaction(async (tx) => {
    const revision = expectedRevision + 1;
    const [updated] = await tx
      .update(evidence)
      .set({
        status: "submitted",
        title: content.title,
        publicContent: publicContentOf(content),
        currentRevision: revision,
        version: sql`${evidence.version} + 1`,
        submittedAt: now,
        updatedAt: now,
      })
      .where(and(eq(evidence.id, item.id), eq(evidence.currentRevision, expectedRevision), eq(evidence.status, item.status)))
      .returning();
    if (!updated) {
      const [current] = await tx
        .select({ status: evidence.status, currentRevision: evidence.currentRevision, title: evidence.title })
        .from(evidence)
        .where(eq(evidence.id, item.id));
      throw new DomainError(
        "CONFLICT",
        `This evidence changed while you were editing it (now revision ${current?.currentRevision}, ${current?.status?.replace("_", " ")}). Reload to see the newer version.`,
        { details: { current } },
      );
    }
    await tx.insert(evidenceRevisions).values({
      cityId: item.cityId,
      evidenceId: item.id,
      revision,
      title: content.title,
      payload: content.payload,
      criterionKeys: content.criterionKeys,
      fileId: fileIdOf(content),
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: answeringChangeRequest ? "evidence.resubmit" : "evidence.revise",
      entityType: "evidence",
      entityId: item.id,
      cityId: item.cityId,
      assessmentId: item.assessmentId,
      before: { status: item.status, revision: expectedRevision },
      after: { status: "submitted", revision, ...revisionSnapshot(content) },
    });
    return updated;
  });
}

/** The author takes back evidence that is not accepted yet. It stays readable, out of the queue. */
export async function withdrawEvidence(
  db: Db,
  actor: Actor,
  assessment: Assessment,
  item: Evidence,
  input: { reason?: string },
): Promise<Evidence> {
  assertEvidenceAuthor(actor.role, actor.userId, item);
  if (!canChangeEvidence(assessment.status, item.status)) throw refusalFor(assessment, item);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(evidence)
      .set({ status: "withdrawn", version: sql`${evidence.version} + 1`, updatedAt: new Date() })
      .where(and(eq(evidence.id, item.id), eq(evidence.version, item.version)))
      .returning();
    if (!updated) {
      const [current] = await tx.select({ status: evidence.status }).from(evidence).where(eq(evidence.id, item.id));
      throw new DomainError(
        "CONFLICT",
        `This evidence changed meanwhile (now ${current?.status?.replace("_", " ")}). Reload and try again.`,
        {
          details: { current },
        },
      );
    }
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "evidence.withdraw",
      entityType: "evidence",
      entityId: item.id,
      cityId: item.cityId,
      assessmentId: item.assessmentId,
      before: { status: item.status },
      after: { status: "withdrawn" },
      reason: input.reason ?? null,
    });
    return updated;
  });
}
