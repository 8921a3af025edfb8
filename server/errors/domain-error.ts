/**
 * Domain functions throw this, never a TRPCError: the tRPC error middleware and the REST layer each
 * map it to their own status codes.
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "CONFLICT"
  | "INVALID_TRANSITION"
  | "BAD_REQUEST"
  | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Field-level messages for forms, keyed by field path ("amount", "file"). */
  readonly fieldErrors?: Record<string, string[]>;
  /** Extra data the client may show (e.g. the newer value after a version conflict). */
  readonly details?: unknown;

  constructor(code: DomainErrorCode, message: string, extra: { fieldErrors?: Record<string, string[]>; details?: unknown } = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.details = extra.details;
  }
}

export const HTTP_STATUS_BY_DOMAIN_CODE: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  BAD_REQUEST: 400,
  TOO_MANY_REQUESTS: 429,
};

/** True for a PostgreSQL unique-violation, from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && current !== null && "code" in current && (current as { code: unknown }).code === "23505") {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
