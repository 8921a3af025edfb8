import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/db/database-errors";
import { GENERIC_ERROR_MESSAGE, reportUnexpectedError, UNAVAILABLE_ERROR_MESSAGE } from "./report-error";

/**
 * What a client may learn about an error nobody anticipated: a status, a fixed message and the id
 * of the server log line that holds the detail. Never the error's own message: for a failed query
 * that is the SQL text and its parameters (which may be a password hash).
 */
export type ClientFacingFailure = {
  status: 500 | 503;
  errorId: string;
  message: string;
  /** Only for 503: seconds to wait before trying again (also sent as Retry-After). */
  retryAfterSeconds: number | null;
};

// The same error may pass through more than one layer (tRPC's middleware, its formatter and the
// route's onError): it is logged once and keeps one id.
const reported = new WeakMap<object, ClientFacingFailure>();

/** Logs the error with an id (once per error object) and returns what the client may see. */
export function describeUnexpectedError(error: unknown, where: string): ClientFacingFailure {
  const key = typeof error === "object" && error !== null ? error : null;
  const known = key ? reported.get(key) : undefined;
  if (known) return known;
  const { errorId } = reportUnexpectedError(error, where);
  const failure: ClientFacingFailure = isDatabaseUnavailable(error)
    ? { status: 503, errorId, message: UNAVAILABLE_ERROR_MESSAGE, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }
    : { status: 500, errorId, message: GENERIC_ERROR_MESSAGE, retryAfterSeconds: null };
  if (key) reported.set(key, failure);
  return failure;
}

/** Headers that go with a failure's status: no caching, and Retry-After on 503. */
export function failureHeaders(failure: ClientFacingFailure): Record<string, string> {
  return {
    "Cache-Control": "no-store",
    ...(failure.retryAfterSeconds !== null ? { "Retry-After": String(failure.retryAfterSeconds) } : {}),
  };
}
