import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { assessments } from "@/db/schema/assessments";

/**
 * The order of a city's cycles. A city has one open assessment at a time and each next cycle is
 * opened after the previous one was published, so the cycles of a city were created in order: the
 * newest cycle is the one created last. Publication dates are no guide: withdrawing and
 * republishing an old cycle gives it the latest publication. (The public pages use the same rule.)
 */
export const newestCycleFirst = [desc(assessments.createdAt), desc(assessments.id)] as const;

/** Cycles of the same city that come before `current` in that order. */
export function cycleBefore(current: { createdAt: Date; id: string }): SQL {
  return or(
    lt(assessments.createdAt, current.createdAt),
    and(eq(assessments.createdAt, current.createdAt), lt(assessments.id, current.id)),
  )!;
}
