import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { consultations } from "@/db/schema/participation";
import { cityAccessOf, refusalFor } from "@/server/auth/authorize";
import type { CityAccess } from "@/server/auth/city-role";
import { type Action, can, type Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { canSeeEvidence } from "@/server/evidence/evidence-access";
import { CHARACTERISTIC_KEYS, type CommentTargetType, type ThreadVisibility } from "@/shared/domain-values";
import type { ThreadRef } from "./comment-schemas";

/** A thread resolved against the database: where it lives and who its audience is. */
export type ResolvedThread = {
  cityId: string;
  assessmentId: string;
  assessmentStatus: string;
  targetType: CommentTargetType;
  targetKey: string;
  evidenceId: string | null;
  evidence: { status: string; authorId: string } | null;
  visibility: ThreadVisibility;
  /** Public threads only: readable (published, or a consultation covers it) and writable (published, or open consultation). */
  publicReadable: boolean;
  publicWritable: boolean;
};

const CHARACTERISTICS = new Set<string>(CHARACTERISTIC_KEYS);

/**
 * Checks that the thread's target exists in the assessment and works out its audience.
 * Internal threads: the city's contributors, leadership, experts and admins. Public threads: on a
 * published assessment, or on what an open (or past) consultation asks citizens about.
 */
export async function resolveThread(db: DbOrTx, ref: ThreadRef, now = new Date()): Promise<ResolvedThread> {
  const [assessment] = await db
    .select({ id: assessments.id, cityId: assessments.cityId, status: assessments.status })
    .from(assessments)
    .where(eq(assessments.id, ref.assessmentId))
    .limit(1);
  if (!assessment) throw new DomainError("NOT_FOUND", "Assessment not found.");

  let evidenceRow: { id: string; status: string; authorId: string } | null = null;
  if (ref.targetType === "assessment" && ref.targetKey !== ref.assessmentId) {
    throw new DomainError("BAD_REQUEST", "An assessment thread is keyed by the assessment id.", {
      fieldErrors: { targetKey: ["An assessment thread is keyed by the assessment id."] },
    });
  }
  if (ref.targetType === "characteristic" && !CHARACTERISTICS.has(ref.targetKey)) {
    throw new DomainError("BAD_REQUEST", "Unknown characteristic.", { fieldErrors: { targetKey: ["Unknown characteristic."] } });
  }
  if (ref.targetType === "evidence") {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref.targetKey);
    if (!isUuid)
      throw new DomainError("BAD_REQUEST", "An evidence thread is keyed by the evidence id.", {
        fieldErrors: { targetKey: ["Must be a valid id."] },
      });
    const [row] = await db
      .select({ id: evidence.id, status: evidence.status, authorId: evidence.authorId })
      .from(evidence)
      .where(and(eq(evidence.id, ref.targetKey), eq(evidence.assessmentId, assessment.id)))
      .limit(1);
    if (!row) throw new DomainError("NOT_FOUND", "Evidence not found.");
    evidenceRow = row;
  }

  const published = assessment.status === "published";
  const visibility: ThreadVisibility = ref.visibility ?? (ref.targetType !== "evidence" && published ? "public" : "internal");
  if (visibility === "public" && ref.targetType === "evidence") {
    throw new DomainError("BAD_REQUEST", "Discussions of evidence are internal to the city and its reviewers.");
  }

  let publicReadable = false;
  let publicWritable = false;
  if (visibility === "public") {
    if (published) {
      publicReadable = publicWritable = true;
    } else {
      const covering = await db
        .select({ keys: consultations.characteristicKeys, closesAt: consultations.closesAt, closedAt: consultations.closedAt })
        .from(consultations)
        .where(eq(consultations.assessmentId, assessment.id));
      const relevant = covering.filter((c) => ref.targetType === "assessment" || c.keys.some((key) => key === ref.targetKey));
      publicReadable = relevant.length > 0;
      publicWritable = relevant.some((c) => isConsultationOpen(c, now));
    }
  }

  return {
    cityId: assessment.cityId,
    assessmentId: assessment.id,
    assessmentStatus: assessment.status,
    targetType: ref.targetType,
    targetKey: ref.targetKey,
    evidenceId: evidenceRow?.id ?? null,
    evidence: evidenceRow ? { status: evidenceRow.status, authorId: evidenceRow.authorId } : null,
    visibility,
    publicReadable,
    publicWritable,
  };
}

export function isConsultationOpen(c: { closesAt: Date; closedAt: Date | null }, now = new Date()): boolean {
  return c.closedAt === null && c.closesAt.getTime() > now.getTime();
}

/** Why the viewer may not read the thread, or null if they may. */
export function readRefusal(access: CityAccess | null, userId: string | null, thread: ResolvedThread): DomainError | null {
  if (thread.visibility === "public") {
    // A public thread nobody opened (draft without a consultation) does not exist for anyone.
    return thread.publicReadable ? null : new DomainError("NOT_FOUND", "There is no public discussion here.");
  }
  if (!access || !can(access.role, "comment:read_internal")) return refusalFor(access, "comment:read_internal");
  // Partners discuss only evidence they can see: accepted, or their own (the evidence module's rule).
  if (thread.evidence && !canSeeEvidence(access.role, userId!, thread.evidence)) {
    return new DomainError("NOT_FOUND", "Evidence not found.");
  }
  return null;
}

/** Why the viewer may not post in the thread now (blocks are checked when posting), or null. */
export function writeRefusal(access: CityAccess | null, userId: string | null, thread: ResolvedThread): DomainError | null {
  if (!access || !userId) return new DomainError("UNAUTHORIZED", "Please sign in to take part.");
  const cannotRead = readRefusal(access, userId, thread);
  if (cannotRead) return cannotRead;
  const action: Action = thread.visibility === "public" ? "comment:write_public" : "comment:write_internal";
  if (!can(access.role, action)) return refusalFor(access, action);
  if (thread.visibility === "public" && !thread.publicWritable) {
    return new DomainError("FORBIDDEN", "The consultation is closed: this discussion is read-only now.");
  }
  return null;
}

/** Throws unless the viewer may read the thread; returns their access (null: anonymous on a public thread). */
export async function authorizeThreadRead(db: DbOrTx, userId: string | null, thread: ResolvedThread): Promise<CityAccess | null> {
  const access = await cityAccessOf(db, userId, thread.cityId);
  const refusal = readRefusal(access, userId, thread);
  if (refusal) throw refusal;
  return access;
}

/** Throws unless the signed-in viewer may post in the thread now; returns their role. */
export async function authorizeThreadWrite(db: DbOrTx, userId: string | null, thread: ResolvedThread): Promise<Role> {
  const access = await cityAccessOf(db, userId, thread.cityId);
  const refusal = writeRefusal(access, userId, thread);
  if (refusal) throw refusal;
  return access!.role;
}
