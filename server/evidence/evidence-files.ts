import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence, evidenceRevisions, storedFiles } from "@/db/schema/evidence";
import { authorizeInCity } from "@/server/auth/authorize";
import { DomainError } from "@/server/errors/domain-error";
import type { StorageAdapter } from "@/server/storage/storage-adapter";
import { assertEvidenceVisible } from "./evidence-access";

/**
 * The file of a document evidence revision (the current one by default), authorised exactly like
 * the evidence itself: the same city permission, the same "partners see their own and accepted" rule.
 */
export async function openEvidenceFile(db: Db, storage: StorageAdapter, userId: string | null, evidenceId: string, revision?: number) {
  if (!userId) throw new DomainError("UNAUTHORIZED", "Please sign in.");
  if (!/^[0-9a-f-]{36}$/i.test(evidenceId)) throw new DomainError("NOT_FOUND", "Evidence not found.");
  const [item] = await db.select().from(evidence).where(eq(evidence.id, evidenceId)).limit(1);
  if (!item) throw new DomainError("NOT_FOUND", "Evidence not found.");
  const { role } = await authorizeInCity(db, userId, item.cityId, "evidence:read_accepted");
  assertEvidenceVisible(role, userId, item);
  const [row] = await db
    .select({ file: storedFiles })
    .from(evidenceRevisions)
    .innerJoin(storedFiles, eq(storedFiles.id, evidenceRevisions.fileId))
    .where(and(eq(evidenceRevisions.evidenceId, item.id), eq(evidenceRevisions.revision, revision ?? item.currentRevision)))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "This evidence has no file in that revision.");
  const object = await storage.get(row.file.storageKey);
  if (!object) throw new DomainError("NOT_FOUND", "The file is missing from storage.");
  return { file: row.file, body: object.body, sizeBytes: object.sizeBytes };
}

/**
 * The file of accepted document evidence in a published assessment whose contributor allowed it to be
 * published: anyone may download it (the public city page links it). Anything else, the same
 * NOT_FOUND, so nobody learns that a private file exists.
 */
export async function openPublicEvidenceFile(db: Db, storage: StorageAdapter, evidenceId: string) {
  const notFound = new DomainError("NOT_FOUND", "This file is not public.");
  if (!/^[0-9a-f-]{36}$/i.test(evidenceId)) throw notFound;
  const [row] = await db
    .select({ file: storedFiles })
    .from(evidence)
    .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
    .innerJoin(
      evidenceRevisions,
      and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
    )
    .innerJoin(storedFiles, eq(storedFiles.id, evidenceRevisions.fileId))
    .where(
      and(
        eq(evidence.id, evidenceId),
        eq(evidence.kind, "document"),
        eq(evidence.status, "accepted"),
        eq(evidence.publicContent, true),
        eq(assessments.status, "published"),
        isNotNull(assessments.publishedAt),
      ),
    )
    .limit(1);
  if (!row) throw notFound;
  const object = await storage.get(row.file.storageKey);
  if (!object) throw notFound;
  return { file: row.file, body: object.body, sizeBytes: object.sizeBytes };
}

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
