import { createHash } from "node:crypto";
import { type ZodError, z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { LOCALES, type Locale } from "@/i18n/locales";
import { DomainError, HTTP_STATUS_BY_DOMAIN_CODE } from "@/server/errors/domain-error";
import { describeUnexpectedError, failureHeaders } from "@/server/errors/unexpected-error";
import { clientAddressOf } from "@/server/http/client-address";
import { apiRateLimitFromEnv, createFixedWindowLimiter, publicApiLimiterFor, type RequestLimiter } from "@/server/http/rate-limit";
import type { AnyOpenDataRoute } from "./open-data-routes";

/**
 * The HTTP edge of the open data API: rate limit, zod-validated parameters, the shared domain
 * function, the response schema (which also drops any field not in the public contract), JSON or
 * CSV, and ETag / Cache-Control. Route files under app/api/v1 only bind a route to this.
 */

export const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";
const FORMAT_PARAM = "format";
/** `?lang=zh`: city and country names in Chinese (the data is otherwise the same). */
export const LANG_PARAM = "lang";

export type ServeOptions = {
  /** Injected by tests; the app uses the shared limiter (database-backed) configured from the environment. */
  limiter?: RequestLimiter | null;
};

const globalForLimiter = globalThis as typeof globalThis & { __openDataFallbackLimiter?: RequestLimiter | null };

/**
 * The shared limiter (counts in the database, so every app server counts once). If the database
 * cannot even be opened, a per-process counter stands in; the request then fails below anyway.
 */
async function sharedLimiter(getDb: () => Promise<DbOrTx>): Promise<RequestLimiter | null> {
  try {
    return publicApiLimiterFor((await getDb()) as Db);
  } catch {
    if (globalForLimiter.__openDataFallbackLimiter === undefined) {
      const limit = apiRateLimitFromEnv();
      globalForLimiter.__openDataFallbackLimiter = limit === null ? null : createFixedWindowLimiter({ limit, windowMs: 60_000 });
    }
    return globalForLimiter.__openDataFallbackLimiter;
  }
}

/**
 * The client address for the rate limit: the socket address unless `TRUSTED_PROXY_HOPS` says how
 * many proxies in front may be believed (see clientAddressOf). tRPC's context uses the same.
 */
export function clientKeyOf(headers: Headers, hops?: number): string {
  return clientAddressOf(headers, hops);
}

function errorResponse(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*", ...headers },
  });
}

function wantsCsv(url: URL, request: Request): boolean | "invalid" {
  const format = url.searchParams.get(FORMAT_PARAM);
  if (format !== null) return format === "csv" ? true : format === "json" ? false : "invalid";
  const accept = request.headers.get("accept") ?? "";
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

/** `?a=1&a=2` becomes {a: ["1", "2"]}; a single value stays a string. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (key === FORMAT_PARAM || key === LANG_PARAM) continue;
    const values = url.searchParams.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

function fieldErrorsOf(error: ZodError, prefix = ""): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.length ? String(issue.path[0]) : "_");
    const messages = out[key] ?? [];
    messages.push(issue.message);
    out[key] = messages;
  }
  return out;
}

function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export async function serveOpenData(
  route: AnyOpenDataRoute,
  request: Request,
  pathParams: Record<string, string>,
  getDb: () => Promise<DbOrTx>,
  options: ServeOptions = {},
): Promise<Response> {
  const limiter = options.limiter === undefined ? await sharedLimiter(getDb) : options.limiter;
  const rateHeaders: Record<string, string> = {};
  if (limiter) {
    const decision = await limiter.hit(clientKeyOf(request.headers));
    rateHeaders["X-RateLimit-Limit"] = String(decision.limit);
    rateHeaders["X-RateLimit-Remaining"] = String(decision.remaining);
    if (!decision.allowed) {
      return errorResponse(
        429,
        {
          error: `Too many requests: at most ${decision.limit} per minute from one address. Try again in ${decision.retryAfterSeconds} s.`,
          retryAfterSeconds: decision.retryAfterSeconds,
        },
        { ...rateHeaders, "Retry-After": String(decision.retryAfterSeconds) },
      );
    }
  }

  const url = new URL(request.url);
  const csv = wantsCsv(url, request);
  if (csv === "invalid") {
    return errorResponse(
      400,
      { error: "format must be json or csv.", fieldErrors: { format: ["format must be json or csv."] } },
      rateHeaders,
    );
  }

  const lang = url.searchParams.get(LANG_PARAM) ?? "en";
  if (!(LOCALES as readonly string[]).includes(lang)) {
    return errorResponse(400, { error: "lang must be en or zh.", fieldErrors: { lang: ["lang must be en or zh."] } }, rateHeaders);
  }

  const query = queryObject(url);
  const known = new Set(Object.keys(route.query?.shape ?? {}));
  const unknown = Object.keys(query).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    const fieldErrors = Object.fromEntries(unknown.map((k) => [k, [`Unknown parameter "${k}".`]]));
    return errorResponse(400, { error: `Unknown parameter(s): ${unknown.join(", ")}.`, fieldErrors }, rateHeaders);
  }
  const parsedParams = route.pathParams ? route.pathParams.safeParse(pathParams) : { success: true as const, data: {} };
  const parsedQuery = route.query ? route.query.safeParse(query) : { success: true as const, data: {} };
  if (!parsedParams.success || !parsedQuery.success) {
    const fieldErrors = {
      ...(parsedParams.success ? {} : fieldErrorsOf(parsedParams.error)),
      ...(parsedQuery.success ? {} : fieldErrorsOf(parsedQuery.error)),
    };
    const error = Object.entries(fieldErrors)
      .map(([k, messages]) => `${k}: ${messages.join(" ")}`)
      .join("; ");
    return errorResponse(400, { error, fieldErrors }, rateHeaders);
  }

  let result: unknown;
  try {
    const raw = await route.run(await getDb(), { ...parsedParams.data, ...parsedQuery.data }, lang as Locale);
    result = route.response.parse(raw);
  } catch (error) {
    if (error instanceof DomainError) {
      return errorResponse(
        HTTP_STATUS_BY_DOMAIN_CODE[error.code],
        { error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) },
        rateHeaders,
      );
    }
    const failure = describeUnexpectedError(error, `open data ${route.operationId}`);
    return errorResponse(
      failure.status,
      {
        error: failure.message,
        errorId: failure.errorId,
        ...(failure.retryAfterSeconds !== null ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
      },
      { ...rateHeaders, ...failureHeaders(failure) },
    );
  }

  const body = csv ? route.csv.serialize(result) : JSON.stringify(result);
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    ...rateHeaders,
    ETag: etag,
    "Cache-Control": CACHE_CONTROL,
    Vary: "Accept",
    "Access-Control-Allow-Origin": "*",
  };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  if (csv) {
    headers["Content-Type"] = "text/csv; charset=utf-8; header=present";
    headers["Content-Disposition"] = `attachment; filename="${route.csv.filename(result).replace(/[^\w.-]/g, "_")}"`;
  } else {
    headers["Content-Type"] = "application/json; charset=utf-8";
  }
  return new Response(body, { status: 200, headers });
}

/** For tests and the OpenAPI document: the error body every route may answer with. */
export const openDataErrorSchema = z.object({
  error: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  retryAfterSeconds: z.number().int().optional().describe("Only on 429 and 503."),
  errorId: z.string().optional().describe("Only on 500 and 503: quote it when reporting the problem; the server log has the detail."),
});
