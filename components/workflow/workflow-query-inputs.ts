import type { AssessmentStatus } from "@/shared/domain-values";

/** The cross-city assessment list's input, shared by the list and the page that prefetches it (same input, same cache entry). */
export function assessmentsAcrossCitiesInput(status: AssessmentStatus | "") {
  return { status: status || null, limit: 20 };
}
