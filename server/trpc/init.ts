import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "@/db/client";
import type { Locale } from "@/i18n/locales";
import { currentSessionUserId } from "@/server/auth/session-version";
import { DomainError, type DomainErrorCode, isUniqueViolation } from "@/server/errors/domain-error";
import { describeUnexpectedError } from "@/server/errors/unexpected-error";
import { workflowGuardViolation } from "@/server/errors/workflow-guard-errors";
import { localizeValidationMessage, withValidationLocale } from "@/server/validation/validation-locale";
import { validationMessage } from "@/server/validation/validation-messages";

export type Context = {
  db: Db;
  /**
   * From the next-auth session; roles are never taken from the session, only the id. When
   * `sessionVersion` is set, the id is only claimed (the token is genuine, but it may have been
   * signed out or revoked since): the procedures check it before use (see `verifiedSession` and
   * the builders in procedures.ts, which fold the check into their role read).
   */
  userId: string | null;
  /** The session token's version, still to be compared with the user's row; absent for trusted in-process callers. */
  sessionVersion?: number;
  /** For per-client rate limits. */
  clientIp: string | null;
  /** The reader's language for validation messages (cookie, then Accept-Language); English when absent. */
  locale?: Locale;
};

const TRPC_CODE_BY_DOMAIN_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "CONFLICT",
  BAD_REQUEST: "BAD_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/** What a client finds in `error.data`; keys without a value are left out. Never a stack. */
type ErrorData = {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  path?: string;
  /** 5xx only: the id of the server log line with the detail. */
  errorId?: string;
  /** 503 only: seconds to wait (also the Retry-After header). */
  retryAfterSeconds?: number;
  fieldErrors?: Record<string, string[] | undefined>;
  domainCode?: DomainErrorCode;
  details?: unknown;
};

function errorData(data: ErrorData): ErrorData {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as ErrorData;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path, ctx }) {
    // Anything the server did not anticipate (5xx) reaches the client as a fixed message and the id
    // of the log line with the detail; tRPC would otherwise send the cause's own message, which for
    // a failed query is the SQL and its parameters.
    if (shape.data.httpStatus >= 500) {
      const failure = describeUnexpectedError(error.cause ?? error, `tRPC ${path ?? "?"}`);
      return {
        ...shape,
        message: `${failure.message} (error id ${failure.errorId})`,
        data: errorData({
          code: failure.status === 503 ? "SERVICE_UNAVAILABLE" : shape.data.code,
          httpStatus: failure.status,
          path: shape.data.path,
          errorId: failure.errorId,
          retryAfterSeconds: failure.retryAfterSeconds ?? undefined,
        }),
      };
    }
    const cause = error.cause;
    // zod's own messages were written in the request's language during the parse; ours (and
    // domain messages made from message keys) are translated here.
    const localize = (message: string) => localizeValidationMessage(message, ctx?.locale);
    const data: ErrorData = { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path };
    if (cause instanceof ZodError) {
      data.fieldErrors = flattenZodIssues(cause, localize);
    } else if (cause instanceof DomainError) {
      data.fieldErrors = localizeFieldErrors(cause.fieldErrors, localize);
      data.domainCode = cause.code;
      data.details = cause.details;
    }
    return {
      ...shape,
      message: cause instanceof ZodError ? summariseZodError(cause, localize) : localize(shape.message),
      data: errorData(data),
    };
  },
});

type Localize = (message: string) => string;

function flattenZodIssues(error: ZodError, localize: Localize): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    out[key] = [...(out[key] ?? []), localize(issue.message)];
  }
  return out;
}

function localizeFieldErrors(fieldErrors: Record<string, string[] | undefined> | undefined, localize: Localize) {
  if (!fieldErrors) return undefined;
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.map(localize)]));
}

function summariseZodError(error: ZodError, localize: Localize): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${localize(i.message)}` : localize(i.message))).join("; ");
}

/** The one place where domain errors (and unexpected ones) become tRPC errors. */
const mapDomainErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: TRPC_CODE_BY_DOMAIN_CODE[cause.code], message: cause.message, cause });
    }
    // A write the lifecycle triggers refused (e.g. on a published, frozen assessment) is a conflict.
    const guardViolation = workflowGuardViolation(cause);
    if (guardViolation) {
      throw new TRPCError({ code: TRPC_CODE_BY_DOMAIN_CODE[guardViolation.code], message: guardViolation.message, cause: guardViolation });
    }
    if (isUniqueViolation(cause)) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "This already exists.",
        cause: new DomainError("CONFLICT", "This already exists."),
      });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      // Logged here with an id; the message no longer carries the cause's text (SQL, parameters), so
      // server-side callers (pages) cannot show it either. The cause stays for the formatter and logs.
      const original = cause ?? result.error;
      const failure = describeUnexpectedError(original, `tRPC ${path}`);
      throw new TRPCError({
        code: failure.status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR",
        message: `${failure.message} (error id ${failure.errorId})`,
        cause: original,
      });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** zod writes its own messages in the request's language (see validation-locale.ts). */
const validationLocale = t.middleware(({ ctx, next }) => withValidationLocale(ctx.locale, next));

/** Every procedure starts here: zod in the reader's language, domain errors mapped. No session check yet. */
const baseProcedure = t.procedure.use(validationLocale).use(mapDomainErrors);

/**
 * A claimed session becomes a checked one: one primary-key read (only when a session cookie came
 * with the request), after which `ctx.userId` is the signed-in user or null.
 */
const verifiedSession = t.middleware(async ({ ctx, next }) => {
  if (ctx.userId === null || ctx.sessionVersion === undefined) return next({ ctx: { ...ctx, sessionVersion: undefined } });
  const userId = await checkedSessionOf(ctx, ctx.userId, ctx.sessionVersion);
  return next({ ctx: { ...ctx, userId, sessionVersion: undefined } });
});

/**
 * One check per request, however many procedures it calls: a page's server caller and a batched
 * HTTP request hand every call the same context object (a session ended meanwhile counts from the
 * next request).
 */
const sessionChecks = new WeakMap<Context, Promise<string | null>>();
function checkedSessionOf(ctx: Context, userId: string, sessionVersion: number): Promise<string | null> {
  let check = sessionChecks.get(ctx);
  if (!check) {
    check = currentSessionUserId(ctx.db, { userId, sessionVersion });
    sessionChecks.set(ctx, check);
  }
  return check;
}

export const publicProcedure = baseProcedure.use(verifiedSession);

/**
 * Open data (`public.*`): nothing in it depends on who asks, so no session is read at all; the
 * handler sees an anonymous caller.
 */
export const anonymousProcedure = baseProcedure.use(({ ctx, next }) => next({ ctx: { ...ctx, userId: null, sessionVersion: undefined } }));

function requireSignedIn(userId: string | null): string {
  if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return userId;
}

/** Signed in, session checked (one read); for procedures that name no city or assessment. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => next({ ctx: { ...ctx, userId: requireSignedIn(ctx.userId) } }));

/**
 * Signed in, session still to be checked: only for the procedure builders (procedures.ts), whose
 * role read checks the session version in the same query (`authorizeInCity`/`authorizeGlobally`
 * with `{ sessionVersion }`), so an authenticated call reads the user once, not twice.
 */
export const claimedSessionProcedure = baseProcedure.use(({ ctx, next }) =>
  next({ ctx: { ...ctx, userId: requireSignedIn(ctx.userId), sessionCheck: { sessionVersion: ctx.sessionVersion } } }),
);

export const idSchema = z.uuid({ message: validationMessage("validation.invalidId") });
