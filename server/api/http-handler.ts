import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/db/database-errors";
import { DomainError } from "@/server/errors/domain-error";
import { describeUnexpectedError } from "@/server/errors/unexpected-error";
import type { Context } from "@/server/trpc/init";
import { TRPC_MAX_BATCH_SIZE } from "@/server/trpc/limits";
import { appRouter } from "./root-router";

/**
 * The tRPC HTTP endpoint, apart from the route file so tests drive the very same handler with their
 * own context. Errors are formatted in init.ts; here they are logged (once, with their id), and
 * the status and headers are set: 503 + Retry-After when the database is unreachable, and
 * `private, no-store` on every answer to a request that carried a session.
 */
export function handleTrpcRequest(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: async () => {
      try {
        return await createContext();
      } catch (error) {
        if (isDatabaseUnavailable(error))
          throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "Database unavailable.", cause: error });
        throw error;
      }
    },
    onError({ error, path }) {
      // 4xx are the client's mistakes and carry their own messages; 5xx are logged with an id.
      if (isServerError(error)) describeUnexpectedError(error.cause ?? error, `tRPC ${path ?? "?"}`);
    },
    responseMeta({ ctx, errors, info }) {
      const headers = new Headers();
      if (ctx?.userId) headers.set("Cache-Control", "private, no-store");
      // Only when every call failed that way: a batch with answers keeps tRPC's 207.
      const unavailable =
        errors.length > 0 &&
        errors.length >= (info?.calls.length ?? 1) &&
        errors.every((e) => e.code === "SERVICE_UNAVAILABLE" || isDatabaseUnavailable(e.cause));
      if (unavailable) {
        headers.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
        headers.set("Cache-Control", "no-store");
        return { status: 503, headers };
      }
      if (errors.length > 0) headers.set("Cache-Control", ctx?.userId ? "private, no-store" : "no-store");
      // Refused by a rate limit (public.*): tell the client when to come back.
      const retryAfter = errors.every((e) => e.code === "TOO_MANY_REQUESTS") ? Math.max(0, ...errors.map(retryAfterSecondsOf)) : 0;
      if (retryAfter > 0) headers.set("Retry-After", String(retryAfter));
      return { headers };
    },
  });
}

function retryAfterSecondsOf(error: TRPCError): number {
  const details = error.cause instanceof DomainError ? (error.cause.details as { retryAfterSeconds?: unknown } | undefined) : undefined;
  return typeof details?.retryAfterSeconds === "number" ? details.retryAfterSeconds : 0;
}

function isServerError(error: TRPCError): boolean {
  return error.code === "INTERNAL_SERVER_ERROR" || error.code === "SERVICE_UNAVAILABLE";
}
