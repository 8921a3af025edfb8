import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { storedFiles } from "@/db/schema/evidence";
import { canAnswerChangeRequest, phaseRefusal } from "@/server/assessments/assessment-phase";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { authorizeInCity } from "@/server/auth/authorize";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { StorageAdapter } from "@/server/storage/storage-adapter";
import { DEFAULT_ZIP_CONTAINER_LIMITS, detectEvidenceFileType, type ZipContainerLimits } from "./upload-file-types";

type Assessment = typeof assessments.$inferSelect;

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function fileError(message: string, code: "BAD_REQUEST" = "BAD_REQUEST"): DomainError {
  return new DomainError(code, message, { fieldErrors: { file: [message] } });
}

/** Who may upload: whoever may submit evidence to this assessment, while it still takes evidence. */
export async function authorizeEvidenceUpload(db: Db, userId: string | null, assessmentId: string) {
  if (!userId) throw new DomainError("UNAUTHORIZED", "Please sign in.");
  if (!/^[0-9a-f-]{36}$/i.test(assessmentId)) throw new DomainError("NOT_FOUND", "Assessment not found.");
  const [assessment] = await db.select().from(assessments).where(eq(assessments.id, assessmentId)).limit(1);
  if (!assessment) throw new DomainError("NOT_FOUND", "Assessment not found.");
  const { role } = await authorizeInCity(db, userId, assessment.cityId, "evidence:submit");
  if (!canAnswerChangeRequest(assessment.status)) throw new DomainError("INVALID_TRANSITION", phaseRefusal(assessment.status));
  return { assessment, role, userId };
}

/** Keeps the last path segment, drops control characters, and bounds the length. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 11 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - extension.length) + extension;
}

/**
 * Reads the body chunk by chunk and stops as soon as it passes the limit, so an oversized upload
 * is never held in full. Returns the bytes only when they fit.
 */
export async function readWithinLimit(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw fileError(`The file is larger than the ${formatMegabytes(maxBytes)} limit.`);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/** Office containers may expand to 20× the upload cap (at least 100 MB), so a larger cap keeps real workbooks. */
export function zipLimitsFor(maxBytes: number): ZipContainerLimits {
  return { ...DEFAULT_ZIP_CONTAINER_LIMITS, maxTotalUncompressedBytes: Math.max(100 * 1024 * 1024, 20 * maxBytes) };
}

export type StoredUpload = {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
};

/**
 * Stores one uploaded evidence file: size checked while reading, type decided from the bytes,
 * SHA-256 kept. Nothing is written (no row, no object) unless every check passes; the row and the
 * audit event commit only if the object was stored.
 */
export async function storeEvidenceUpload(
  db: Db,
  storage: StorageAdapter,
  actor: { userId: string; role: Role },
  assessment: Assessment,
  upload: { filename: string; declaredSize?: number | null; chunks: AsyncIterable<Uint8Array>; maxBytes: number },
): Promise<StoredUpload> {
  const filename = cleanFilename(upload.filename);
  if (!filename) throw fileError("The file needs a name.");
  if (upload.declaredSize != null && upload.declaredSize > upload.maxBytes) {
    throw fileError(`The file is larger than the ${formatMegabytes(upload.maxBytes)} limit.`);
  }
  const bytes = await readWithinLimit(upload.chunks, upload.maxBytes);
  const type = await detectEvidenceFileType(bytes, filename, zipLimitsFor(upload.maxBytes));
  if (!type.ok) throw fileError(type.message);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const id = randomUUID();
  const storageKey = `${assessment.cityId}/${id}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(storedFiles)
      .values({
        id,
        cityId: assessment.cityId,
        storageKey,
        filename,
        mimeType: type.mimeType,
        sizeBytes: bytes.byteLength,
        sha256,
        uploadedBy: actor.userId,
        createdAt: new Date(),
      })
      .returning();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "evidence.file_upload",
      entityType: "stored_file",
      entityId: id,
      cityId: assessment.cityId,
      assessmentId: assessment.id,
      after: { filename, mimeType: type.mimeType, sizeBytes: bytes.byteLength, sha256 },
    });
    // Last, so a failed write to storage rolls the row back.
    await storage.put(storageKey, bytes, type.mimeType);
    return { id: row.id, filename: row.filename, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256 };
  });
}
