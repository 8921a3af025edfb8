import { getDb } from "@/db/app-db";
import { serveEvidenceFile } from "@/server/evidence/evidence-http";
import { getSessionUserId } from "@/server/session/auth-options";
import { getStorage, uploadMaxBytes } from "@/server/storage/storage-config";

export const dynamic = "force-dynamic";

/** Downloads the file of a document evidence; see serveEvidenceFile. */
export async function GET(request: Request, { params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  return serveEvidenceFile(request, evidenceId, {
    getDb,
    getUserId: getSessionUserId,
    storage: getStorage,
    maxBytes: () => uploadMaxBytes(),
  });
}
