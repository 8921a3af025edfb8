import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db, DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { LOCALES, type Locale } from "@/i18n/locales";
import { authorizeInCity } from "@/server/auth/authorize";
import { DomainError, HTTP_STATUS_BY_DOMAIN_CODE } from "@/server/errors/domain-error";
import { describeUnexpectedError, failureHeaders } from "@/server/errors/unexpected-error";
import { clientAddressOf } from "@/server/http/client-address";
import { publicApiLimiterFor, type RequestLimiter } from "@/server/http/rate-limit";
import { CACHE_CONTROL, LANG_PARAM } from "@/server/public/open-data-http";
import { assessmentIdParamsSchema } from "@/server/public/public-schemas";
import { chainHeadOf, loadAssessmentReportData } from "./assessment-report-data";
import { renderAssessmentReport } from "./assessment-report-pdf";

/**
 * The assessment report's HTTP edge. Two doors: the members' route (`/api/assessments/{id}/report`:
 * any published assessment, and an unpublished one to members of its city with `assessment:read`)
 * and the open data API (`/api/v1/assessments/{id}/report`: published only, rate-limited like every
 * v1 route).
 *
 * Cache: finished PDFs in an in-memory LRU per server (64 MB), keyed by the assessment's id,
 * version, updated-at, the id of the newest event of its audit chain and the language. Every write
 * to an assessment appends an audit event in its transaction, so any change gives a new key and a
 * server never serves a stale report; servers share nothing, so each one renders a report once.
 */

export const REPORT_CACHE_MAX_BYTES = 64 * 1024 * 1024;
const reportCache = new LRUCache<string, Buffer>({ maxSize: REPORT_CACHE_MAX_BYTES, sizeCalculation: (b) => Math.max(1, b.length) });

export type ReportDoor = "members" | "open-data";
export type ReportDeps = {
  getDb: () => Promise<DbOrTx>;
  /** The members' door: the session's user id (null when signed out). */
  getUserId?: () => Promise<string | null>;
  /** Injected by tests; the open-data door otherwise uses the shared, database-backed limiter. */
  limiter?: RequestLimiter | null;
};

function errorResponse(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function serveAssessmentReport(request: Request, id: string, door: ReportDoor, deps: ReportDeps): Promise<Response> {
  const rateHeaders: Record<string, string> = {};
  try {
    const db = await deps.getDb();
    if (door === "open-data") {
      const limiter = deps.limiter === undefined ? publicApiLimiterFor(db as Db) : deps.limiter;
      if (limiter) {
        const decision = await limiter.hit(clientAddressOf(request.headers));
        rateHeaders["X-RateLimit-Limit"] = String(decision.limit);
        rateHeaders["X-RateLimit-Remaining"] = String(decision.remaining);
        if (!decision.allowed) {
          return errorResponse(
            429,
            {
              error: `Too many requests: at most ${decision.limit} per minute from one address.`,
              retryAfterSeconds: decision.retryAfterSeconds,
            },
            { ...rateHeaders, "Retry-After": String(decision.retryAfterSeconds) },
          );
        }
      }
    }
    const lang = new URL(request.url).searchParams.get(LANG_PARAM) ?? "en";
    if (!(LOCALES as readonly string[]).includes(lang)) {
      return errorResponse(400, { error: "lang must be en or zh.", fieldErrors: { lang: ["lang must be en or zh."] } }, rateHeaders);
    }
    const locale = lang as Locale;
    const parsed = assessmentIdParamsSchema.safeParse({ id });
    if (!parsed.success) throw new DomainError("NOT_FOUND", "No assessment has this id.");

    const [assessment] = await db.select().from(assessments).where(eq(assessments.id, parsed.data.id)).limit(1);
    const published = assessment?.status === "published" && assessment.publishedAt !== null;
    if (!assessment || (!published && door === "open-data")) throw new DomainError("NOT_FOUND", "No published assessment has this id.");
    if (!published) {
      const userId = (await deps.getUserId?.()) ?? null;
      await authorizeInCity(db, userId, assessment.cityId, "assessment:read");
    }

    const head = await chainHeadOf(db, assessment.id);
    const key = `${assessment.id}:${assessment.version}:${assessment.updatedAt.getTime()}:${head?.id ?? 0}:${locale}`;
    const etag = `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`;
    const headers: Record<string, string> = {
      ...rateHeaders,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${`report-${assessment.cycle}-${locale}`.replace(/[^\w.-]/g, "_")}.pdf"`,
      ETag: etag,
      // An unpublished report is private to the city's members: no shared cache may keep it.
      "Cache-Control": published ? CACHE_CONTROL : "private, no-store",
      ...(door === "open-data" ? { "Access-Control-Allow-Origin": "*" } : {}),
    };
    if (
      published &&
      request.headers
        .get("if-none-match")
        ?.split(",")
        .some((t) => t.trim().replace(/^W\//, "") === etag)
    ) {
      return new Response(null, { status: 304, headers });
    }
    const cached = reportCache.get(key);
    if (cached) {
      return new Response(new Uint8Array(cached), {
        status: 200,
        headers: { ...headers, "Content-Length": String(cached.length), "X-Report-Cache": "hit" },
      });
    }

    const data = await loadAssessmentReportData(db, assessment, locale);
    const doc = renderAssessmentReport(data, locale);
    const chunks: Buffer[] = [];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        doc.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          controller.enqueue(new Uint8Array(chunk));
        });
        doc.on("end", () => {
          reportCache.set(key, Buffer.concat(chunks));
          controller.close();
        });
        doc.on("error", (error: unknown) => controller.error(error));
      },
    });
    return new Response(body, { status: 200, headers: { ...headers, "X-Report-Cache": "miss" } });
  } catch (error) {
    if (error instanceof DomainError) {
      return errorResponse(HTTP_STATUS_BY_DOMAIN_CODE[error.code], { error: error.message }, rateHeaders);
    }
    const failure = describeUnexpectedError(error, "assessment report");
    return errorResponse(
      failure.status,
      { error: failure.message, errorId: failure.errorId },
      { ...rateHeaders, ...failureHeaders(failure) },
    );
  }
}
