import type { CharacteristicKey, CommentTargetType, ThreadVisibility } from "@/shared/domain-values";

/**
 * The inputs of the participation lists, shared by the client components that query them and the
 * pages that prefetch them on the server (app/_lib/query-prefetch.tsx): the same input is the same
 * cache entry, so a prefetched list renders at once.
 */
export type CommentThreadRef = {
  assessmentId: string;
  targetType: CommentTargetType;
  targetKey: string;
  visibility?: ThreadVisibility;
};

export function commentListInput(ref: CommentThreadRef, pageSize = 20) {
  return {
    assessmentId: ref.assessmentId,
    targetType: ref.targetType,
    targetKey: ref.targetKey,
    visibility: ref.visibility,
    limit: pageSize,
  };
}

export function feedbackListInput(consultationId: string, characteristicKey: CharacteristicKey | null = null) {
  return { consultationId, characteristicKey, limit: 20 };
}
