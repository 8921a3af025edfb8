import { getDb } from "@/db/app-db";
import { getSessionUserId } from "@/server/auth/auth-options";
import { evidenceHttpError, requestChunks } from "@/server/evidence/evidence-http";
import { authorizeEvidenceUpload, storeEvidenceUpload } from "@/server/evidence/evidence-uploads";
import { getStorage, uploadMaxBytes } from "@/server/storage/storage-config";

export const dynamic = "force-dynamic";

/**
 * Uploads one evidence file: the raw bytes as the body (so the browser can report progress and the
 * server can stop at the size limit while reading), `assessmentId` and `filename` in the query.
 * Answers with the stored file's id, to attach to document evidence.
 */
export async function POST(request: Request) {
  try {
    const url = new URL(request.url);
    const [db, userId] = await Promise.all([getDb(), getSessionUserId()]);
    const authorized = await authorizeEvidenceUpload(db, userId, url.searchParams.get("assessmentId") ?? "");
    const declared = Number(request.headers.get("content-length"));
    const stored = await storeEvidenceUpload(db, getStorage(), { userId: authorized.userId, role: authorized.role }, authorized.assessment, {
      filename: url.searchParams.get("filename") ?? "",
      declaredSize: Number.isFinite(declared) && declared > 0 ? declared : null,
      chunks: requestChunks(request.body),
      maxBytes: uploadMaxBytes(),
    });
    return Response.json({ file: stored }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return evidenceHttpError(error, "POST /api/uploads");
  }
}
