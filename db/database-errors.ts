/**
 * Errors that mean "the database cannot be reached right now" (down, restarting, connection cut,
 * pool exhausted past its bound) rather than "this query is wrong". Callers answer them with 503 and
 * Retry-After; everything else unknown is a 500 with an error id.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message = "The database is temporarily unavailable.", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** Seconds a client should wait before retrying after a 503. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// postgres.js connection error codes and Node socket errors.
const UNAVAILABLE_ERROR_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  // Patched postgres.js: no answer to an outstanding query within DATABASE_RESPONSE_TIMEOUT.
  "RESPONSE_TIMEOUT",
  "ECONNABORTED",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  // PostgreSQL SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now, connection_failure,
  // connection_does_not_exist, sqlclient_unable_to_establish_sqlconnection, too_many_connections,
  // connection_exception, sqlserver_rejected_establishment_of_sqlconnection.
  "57P01",
  "57P02",
  "57P03",
  "08006",
  "08003",
  "08001",
  "53300",
  "08000",
  "08004",
]);

const PGLITE_CLOSED_MESSAGE = "PGlite is closed";

/** True when the error (or one of its causes) means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    // The embedded database has no error code for this: it is closed while the process shuts down.
    if (current instanceof Error && current.message === PGLITE_CLOSED_MESSAGE) return true;
    if (typeof current === "object" && current !== null && "code" in current) {
      const code = (current as { code: unknown }).code;
      if (typeof code === "string" && UNAVAILABLE_ERROR_CODES.has(code)) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
