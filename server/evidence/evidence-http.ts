import type { Db } from "@/db/client";
import { DomainError, HTTP_STATUS_BY_DOMAIN_CODE } from "@/server/errors/domain-error";
import { describeUnexpectedError, failureHeaders } from "@/server/errors/unexpected-error";
import type { StorageAdapter } from "@/server/storage/storage-adapter";
import { isUuid } from "@/server/validation/text-schemas";
import { attachmentDisposition, openEvidenceFile, openPublicEvidenceFile } from "./evidence-files";
import { authorizeEvidenceUpload, storeEvidenceUpload } from "./evidence-uploads";

/**
 * JSON error bodies for the upload and download routes: the same DomainError codes and field
 * messages the tRPC procedures give, mapped to HTTP statuses. Anything else is logged with an error id
 * and answered 500 (503 + Retry-After when the database is unreachable) with that id and no detail.
 */
export function evidenceHttpError(error: unknown, where = "evidence file route"): Response {
  if (error instanceof DomainError) {
    const tooLarge = error.fieldErrors?.file?.some((m) => m.includes("larger than"));
    return Response.json(
      { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? null } },
      { status: tooLarge ? 413 : HTTP_STATUS_BY_DOMAIN_CODE[error.code], headers: { "Cache-Control": "no-store" } },
    );
  }
  const failure = describeUnexpectedError(error, where);
  return Response.json(
    {
      error: {
        code: failure.status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL",
        message: failure.message,
        errorId: failure.errorId,
        fieldErrors: null,
      },
    },
    { status: failure.status, headers: failureHeaders(failure) },
  );
}

/** Turns a request body into an async iterable of chunks (empty when there is no body). */
export async function* requestChunks(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    // Stops reading an oversized body instead of draining it.
    await reader.cancel().catch(() => {});
  }
}

/** What the file routes need from the app; tests pass their own database, user and storage. */
export type EvidenceRouteDeps = {
  getDb: () => Promise<Db>;
  getUserId: () => Promise<string | null>;
  storage: () => StorageAdapter;
  maxBytes: () => number;
};

/**
 * Downloads the file of a document evidence (current revision, or `?revision=n`), authorised like
 * the evidence itself. Always an attachment with nosniff, so a file can never render as a page of
 * this site.
 */
export async function serveEvidenceFile(request: Request, evidenceId: string, deps: EvidenceRouteDeps): Promise<Response> {
  try {
    if (!isUuid(evidenceId)) throw new DomainError("NOT_FOUND", "Evidence not found.");
    const revisionParam = new URL(request.url).searchParams.get("revision");
    const revision = revisionParam && /^\d{1,6}$/.test(revisionParam) ? Number(revisionParam) : undefined;
    const opened = await openEvidenceFile(await deps.getDb(), deps.storage(), await deps.getUserId(), evidenceId, revision);
    return fileResponse(opened, "private, no-store");
  } catch (error) {
    return evidenceHttpError(error, "GET /api/evidence/[evidenceId]/file");
  }
}

/**
 * Downloads the file of a published assessment's accepted document evidence that its contributor made
 * public; no sign-in. Everything else answers 404 (openPublicEvidenceFile).
 */
export async function servePublicEvidenceFile(evidenceId: string, deps: Pick<EvidenceRouteDeps, "getDb" | "storage">): Promise<Response> {
  try {
    const opened = await openPublicEvidenceFile(await deps.getDb(), deps.storage(), evidenceId);
    // Not cached by shared caches: a withdrawal must stop the download at once.
    return fileResponse(opened, "public, max-age=0, must-revalidate");
  } catch (error) {
    return evidenceHttpError(error, "GET /api/evidence/[evidenceId]/public-file");
  }
}

/** Always an attachment with nosniff and a sandbox, so a file can never render as a page of this site. */
function fileResponse(
  opened: { file: { mimeType: string; filename: string; sha256: string }; body: BodyInit; sizeBytes: number },
  cacheControl: string,
): Response {
  return new Response(opened.body, {
    headers: {
      "Content-Type": opened.file.mimeType,
      "Content-Length": String(opened.sizeBytes),
      "Content-Disposition": attachmentDisposition(opened.file.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": cacheControl,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Checksum-SHA256": opened.file.sha256,
    },
  });
}

/**
 * Uploads one evidence file: the raw bytes as the body (so the browser can report progress and the
 * server can stop at the size limit while reading), `assessmentId` and `filename` in the query.
 * Answers with the stored file's id, to attach to document evidence.
 */
export async function receiveEvidenceUpload(request: Request, deps: EvidenceRouteDeps): Promise<Response> {
  try {
    const url = new URL(request.url);
    const assessmentId = url.searchParams.get("assessmentId") ?? "";
    if (!isUuid(assessmentId)) throw new DomainError("NOT_FOUND", "Assessment not found.");
    const [db, userId] = await Promise.all([deps.getDb(), deps.getUserId()]);
    const authorized = await authorizeEvidenceUpload(db, userId, assessmentId);
    const declared = Number(request.headers.get("content-length"));
    const stored = await storeEvidenceUpload(
      db,
      deps.storage(),
      { userId: authorized.userId, role: authorized.role },
      authorized.assessment,
      {
        filename: url.searchParams.get("filename") ?? "",
        declaredSize: Number.isFinite(declared) && declared > 0 ? declared : null,
        chunks: requestChunks(request.body),
        maxBytes: deps.maxBytes(),
      },
    );
    return Response.json({ file: stored }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return evidenceHttpError(error, "POST /api/uploads");
  }
}
