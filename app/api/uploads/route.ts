import { getDb } from "@/db/app-db";
import { receiveEvidenceUpload } from "@/server/evidence/evidence-http";
import { getSessionUserId } from "@/server/session/auth-options";
import { getStorage, uploadMaxBytes } from "@/server/storage/storage-config";

export const dynamic = "force-dynamic";

/** Uploads one evidence file (raw bytes; `assessmentId` and `filename` in the query); see receiveEvidenceUpload. */
export function POST(request: Request) {
  return receiveEvidenceUpload(request, { getDb, getUserId: getSessionUserId, storage: getStorage, maxBytes: () => uploadMaxBytes() });
}
