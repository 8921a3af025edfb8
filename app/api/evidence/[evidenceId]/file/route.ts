import { getDb } from "@/db/app-db";
import { getSessionUserId } from "@/server/auth/auth-options";
import { attachmentDisposition, openEvidenceFile } from "@/server/evidence/evidence-files";
import { evidenceHttpError } from "@/server/evidence/evidence-http";
import { getStorage } from "@/server/storage/storage-config";

export const dynamic = "force-dynamic";

/**
 * Downloads the file of a document evidence (current revision, or `?revision=n`), authorised like
 * the evidence itself. Always an attachment with nosniff, so a file can never render as a page of
 * this site.
 */
export async function GET(request: Request, { params }: { params: Promise<{ evidenceId: string }> }) {
  try {
    const { evidenceId } = await params;
    const revisionParam = new URL(request.url).searchParams.get("revision");
    const revision = revisionParam && /^\d{1,6}$/.test(revisionParam) ? Number(revisionParam) : undefined;
    const opened = await openEvidenceFile(await getDb(), getStorage(), await getSessionUserId(), evidenceId, revision);
    return new Response(opened.body, {
      headers: {
        "Content-Type": opened.file.mimeType,
        "Content-Length": String(opened.sizeBytes),
        "Content-Disposition": attachmentDisposition(opened.file.filename),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Checksum-SHA256": opened.file.sha256,
      },
    });
  } catch (error) {
    return evidenceHttpError(error, "GET /api/evidence/[evidenceId]/file");
  }
}
