import { getDb } from "@/db/app-db";
import { serveAssessmentReport } from "@/server/report/report-http";

export const dynamic = "force-dynamic";

/** The open data API's assessment report (PDF): published assessments only. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveAssessmentReport(request, (await params).id, "open-data", { getDb });
}
