import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/db/database-errors";

/**
 * Pages answer 503 + Retry-After, not 500, when they failed because the database is unreachable.
 *
 * The API routes and tRPC set their own status. A page has no way to: when its render throws,
 * Next answers 500 with the error page (which already says "temporarily unavailable" with a
 * reference). So each request runs with a small record; Next's `onRequestError` hook
 * (instrumentation.ts) marks it when the error is a database outage, and the response's head is
 * rewritten from 5xx to 503 for that request only. Works under `next start` and scripts/server.mjs
 * alike (it hooks every http.Server of the process, like the socket address capture).
 */
type RequestOutcome = { databaseUnavailable: boolean };

const globalForOutcome = globalThis as typeof globalThis & {
  __requestOutcome?: AsyncLocalStorage<RequestOutcome>;
};

function outcomes(): AsyncLocalStorage<RequestOutcome> {
  globalForOutcome.__requestOutcome ??= new AsyncLocalStorage<RequestOutcome>();
  return globalForOutcome.__requestOutcome;
}

/** Called by `onRequestError` (instrumentation.ts): remembers a database outage for this request. */
export function noteRequestError(error: unknown): void {
  if (!isDatabaseUnavailable(error)) return;
  const outcome = outcomes().getStore();
  if (outcome) outcome.databaseUnavailable = true;
}

/** Runs `handle` with this request's record, and turns its 5xx head into 503 + Retry-After after an outage. */
export function withUnavailableStatus<T>(res: ServerResponse, handle: () => T): T {
  const outcome: RequestOutcome = { databaseUnavailable: false };
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadAfterOutage(this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (statusCode >= 500 && outcome.databaseUnavailable) {
      statusCode = 503;
      this.statusMessage = "Service Unavailable";
      this.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      this.setHeader("Cache-Control", "no-store");
      // A reason phrase given to writeHead would say "Internal Server Error".
      if (typeof rest[0] === "string") rest.shift();
    }
    return writeHead.apply(this, [statusCode, ...rest] as Parameters<typeof writeHead>);
  } as typeof res.writeHead;
  return outcomes().run(outcome, handle);
}

const globalForInstall = globalThis as typeof globalThis & {
  __unavailablePages?: boolean;
  __noteRequestError?: (error: unknown) => void;
};

/** Hooks every HTTP server of this process (called once from instrumentation.ts, Node runtime). */
export async function installUnavailablePages(): Promise<void> {
  if (globalForInstall.__unavailablePages) return;
  globalForInstall.__unavailablePages = true;
  // For instrumentation.ts onRequestError, which must mark the request synchronously: Next may
  // write the error page's head before an awaited import would have resolved.
  globalForInstall.__noteRequestError = noteRequestError;
  const http = await import("node:http");
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithOutcome(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    const [, res] = args as [IncomingMessage, ServerResponse];
    return withUnavailableStatus(res, () => emit.apply(this, [event, ...args] as unknown as Parameters<typeof emit>));
  } as typeof emit;
}
