import { getDb } from "@/db/app-db";
import { servePublicEvidenceFile } from "@/server/evidence/evidence-http";
import { getStorage } from "@/server/storage/storage-config";

export const dynamic = "force-dynamic";

/** Downloads a published document whose contributor made it public; see servePublicEvidenceFile. */
export async function GET(_request: Request, { params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  return servePublicEvidenceFile(evidenceId, { getDb, storage: getStorage });
}
