import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { memberships, users } from "@/db/schema/identity";
import { authorizeGlobally, authorizeInCity, decideInCity } from "@/server/auth/authorize";
import { callerAccessColumns, callerJoin, cityAccessFrom, membershipJoin, type SessionCheck } from "@/server/auth/city-role";
import type { Action } from "@/server/auth/permissions";
import { currentSessionUserId } from "@/server/auth/session-version";
import { consultationIdSchema, feedbackIdSchema } from "@/server/consultations/consultation-schemas";
import { findConsultation } from "@/server/consultations/consultations";
import { findFeedbackWithConsultation } from "@/server/consultations/feedback";
import { DomainError } from "@/server/errors/domain-error";
import { publicApiLimiterFor, type RequestLimiter, searchLimiterFor } from "@/server/http/rate-limit";
import type { CityRole, GlobalRole } from "@/shared/domain-values";
import { anonymousProcedure, claimedSessionProcedure, idSchema, publicProcedure } from "./init";

/**
 * Table-driven procedure builders. Each loads the resource its input names, authorises the caller in
 * that resource's city for one permission-table action (server/auth/authorize.ts), and hands the
 * handler the loaded resource and `ctx.actor` ({ userId, role }), resolved once per call. The role
 * read also checks the session token's version (`ctx.sessionCheck`), so a call reads the user once.
 */

type ClaimedSessionContext = { db: Db; userId: string; sessionCheck: SessionCheck };

/**
 * The resource is missing. A caller whose session has ended learns nothing about what exists: the
 * session is checked first (only on this path; found resources check it in the role read).
 */
async function notFound(ctx: ClaimedSessionContext, message: string): Promise<DomainError> {
  const { sessionVersion } = ctx.sessionCheck;
  if (sessionVersion !== undefined && !(await currentSessionUserId(ctx.db, { userId: ctx.userId, sessionVersion }))) {
    return new DomainError("UNAUTHORIZED", "Please sign in again.");
  }
  return new DomainError("NOT_FOUND", message);
}

/** The caller's access from a builder's one-statement read; "ended" when the user row did not join. */
function accessOfRow(row: { callerId: string | null; globalRole: GlobalRole | null; cityRole: CityRole | null }) {
  return row.callerId ? cityAccessFrom(row.globalRole, row.cityRole) : ("ended" as const);
}

/** Procedures whose input names a city: `{ cityId }`. */
export function cityProcedure(action: Action) {
  return claimedSessionProcedure.input(z.object({ cityId: idSchema })).use(async ({ ctx, input, next }) => {
    const actor = await authorizeInCity(ctx.db, ctx.userId, input.cityId, action, ctx.sessionCheck);
    return next({ ctx: { ...ctx, actor, cityId: input.cityId } });
  });
}

/** Procedures whose input names an assessment: loads it and authorises in its city. */
export function assessmentProcedure(action: Action) {
  return claimedSessionProcedure.input(z.object({ assessmentId: idSchema })).use(async ({ ctx, input, next }) => {
    // The assessment and the caller's access to its city (and the session check) in one statement.
    const [row] = await ctx.db
      .select({ assessment: assessments, ...callerAccessColumns })
      .from(assessments)
      .leftJoin(users, callerJoin(ctx.userId, ctx.sessionCheck))
      .leftJoin(memberships, membershipJoin(assessments.cityId))
      .where(eq(assessments.id, input.assessmentId))
      .limit(1);
    if (!row) throw await notFound(ctx, "Assessment not found.");
    const { assessment } = row;
    const actor = decideInCity(ctx.userId, accessOfRow(row), action);
    return next({ ctx: { ...ctx, actor, cityId: assessment.cityId, assessment } });
  });
}

/** Procedures whose input names a piece of evidence: loads it and its assessment. */
export function evidenceProcedure(action: Action) {
  return claimedSessionProcedure.input(z.object({ evidenceId: idSchema })).use(async ({ ctx, input, next }) => {
    const [row] = await ctx.db
      .select({ evidence, assessment: assessments, ...callerAccessColumns })
      .from(evidence)
      .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
      .leftJoin(users, callerJoin(ctx.userId, ctx.sessionCheck))
      .leftJoin(memberships, membershipJoin(evidence.cityId))
      .where(eq(evidence.id, input.evidenceId))
      .limit(1);
    if (!row) throw await notFound(ctx, "Evidence not found.");
    const actor = decideInCity(ctx.userId, accessOfRow(row), action);
    return next({ ctx: { ...ctx, actor, cityId: row.evidence.cityId, evidence: row.evidence, assessment: row.assessment } });
  });
}

/** Procedures whose input names a consultation: loads it and authorises in its city. */
export function consultationProcedure(action: Action) {
  return claimedSessionProcedure.input(consultationIdSchema).use(async ({ ctx, input, next }) => {
    const consultation = await findConsultation(ctx.db, input.consultationId);
    if (!consultation) throw await notFound(ctx, "Consultation not found.");
    const actor = await authorizeInCity(ctx.db, ctx.userId, consultation.cityId, action, ctx.sessionCheck);
    return next({ ctx: { ...ctx, actor, cityId: consultation.cityId, consultation } });
  });
}

/** Procedures whose input names a feedback item: loads it with its consultation. */
export function feedbackProcedure(action: Action) {
  return claimedSessionProcedure.input(feedbackIdSchema).use(async ({ ctx, input, next }) => {
    const target = await findFeedbackWithConsultation(ctx.db, input.feedbackId);
    if (!target) throw await notFound(ctx, "Feedback not found.");
    const actor = await authorizeInCity(ctx.db, ctx.userId, target.item.cityId, action, ctx.sessionCheck);
    return next({ ctx: { ...ctx, actor, cityId: target.item.cityId, target } });
  });
}

/** Cross-city procedures (the technical expert group, admins): the global role, through the same table. */
export function globalProcedure(action: Action) {
  return claimedSessionProcedure.use(async ({ ctx, next }) => {
    const actor = await authorizeGlobally(ctx.db, ctx.userId, action, ctx.sessionCheck);
    return next({ ctx: { ...ctx, actor } });
  });
}

/** Refuses with TOO_MANY_REQUESTS (and when to retry) once `key` is over the limiter's count. */
async function enforceLimit(limiter: RequestLimiter | null, key: string): Promise<void> {
  if (!limiter) return;
  const decision = await limiter.hit(key);
  if (!decision.allowed) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `Too many requests: at most ${decision.limit} per minute. Try again in ${decision.retryAfterSeconds} s.`,
      { details: { limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds } },
    );
  }
}

/**
 * The open data behind `public.*`: each call (batched or not) counts against the same per-address
 * limit as the REST API (/api/v1), in the same shared store, so the tRPC door is not a way around it.
 */
export const publicRateLimitedProcedure = anonymousProcedure.use(async ({ ctx, next }) => {
  await enforceLimit(publicApiLimiterFor(ctx.db), ctx.clientIp ?? "unknown");
  return next();
});

/** Search (`search.query`): its own limit, per signed-in user, or per address for anonymous callers. */
export const searchRateLimitedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  await enforceLimit(searchLimiterFor(ctx.db), ctx.userId ? `user:${ctx.userId}` : `ip:${ctx.clientIp ?? "unknown"}`);
  return next();
});
