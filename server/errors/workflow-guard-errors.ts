import { DomainError } from "@/server/errors/domain-error";

/** SQLSTATEs raised by the triggers of migration 0002_workflow_guards. */
export const ILLEGAL_STATUS_CHANGE_SQLSTATE = "SCW01";
export const PUBLISHED_FROZEN_SQLSTATE = "SCW02";

function sqlStateOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && current !== null && "code" in current) {
      const code = (current as { code: unknown }).code;
      if (code === ILLEGAL_STATUS_CHANGE_SQLSTATE || code === PUBLISHED_FROZEN_SQLSTATE) return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The database's own lifecycle guards as domain errors, for any domain function whose write the
 * triggers refused (from either driver): null when the error is something else.
 */
export function workflowGuardViolation(error: unknown): DomainError | null {
  const state = sqlStateOf(error);
  if (state === PUBLISHED_FROZEN_SQLSTATE) {
    return new DomainError("CONFLICT", "This assessment is published and frozen; changes go into the next cycle's assessment.");
  }
  if (state === ILLEGAL_STATUS_CHANGE_SQLSTATE) {
    return new DomainError("INVALID_TRANSITION", "The assessment lifecycle does not allow this status change.");
  }
  return null;
}

/** Runs a write and turns a refusal by the lifecycle triggers into a DomainError. */
export async function withWorkflowGuards<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw workflowGuardViolation(error) ?? error;
  }
}
