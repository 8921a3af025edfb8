import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { canJudge, phaseRefusal } from "@/server/assessments/assessment-phase";
import { DomainError } from "@/server/errors/domain-error";

/**
 * The phase check of every expert write (judgements, ratings, review decisions), made inside the
 * write's transaction: `select ... for share` on the assessment row, then the status as it is now.
 * A lifecycle transition locks the same row `for update`, so the two serialise: a write that got
 * the row first finishes before the transition reads its snapshot, and a write that comes second
 * waits for the transition to commit and then sees the new status and is refused. Checking the
 * assessment loaded before the transaction (as the procedure builder hands it over) left a window
 * in which a rating could land after the assessment was marked rated.
 */
export async function lockJudgingPhase(tx: DbOrTx, assessmentId: string): Promise<void> {
  const [row] = await tx.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId)).for("share");
  if (!row) throw new DomainError("NOT_FOUND", "Assessment not found.");
  if (!canJudge(row.status)) throw new DomainError("INVALID_TRANSITION", phaseRefusal(row.status));
}
