import { getDb } from "@/db/app-db";
import { serveAssessmentReport } from "@/server/report/report-http";
import { getSessionUserId } from "@/server/session/auth-options";

export const dynamic = "force-dynamic";

/** The assessment report (PDF) for the city's members: unpublished assessments too, marked draft. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveAssessmentReport(request, (await params).id, "members", { getDb, getUserId: getSessionUserId });
}
