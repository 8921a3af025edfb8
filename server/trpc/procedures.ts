import { eq } from "drizzle-orm";
import { z } from "zod";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { authorizeGlobally, authorizeInCity } from "@/server/auth/authorize";
import type { Action } from "@/server/auth/permissions";
import { consultationIdSchema, feedbackIdSchema } from "@/server/consultations/consultation-schemas";
import { findConsultation } from "@/server/consultations/consultations";
import { findFeedbackWithConsultation } from "@/server/consultations/feedback";
import { DomainError } from "@/server/errors/domain-error";
import { publicApiLimiterFor } from "@/server/http/rate-limit";
import { authedProcedure, idSchema, publicProcedure } from "./init";

/**
 * Table-driven procedure builders. Each loads the resource its input names, authorises the caller in
 * that resource's city for one permission-table action (server/auth/authorize.ts), and hands the
 * handler the loaded resource and `ctx.actor` ({ userId, role }), resolved once per call.
 */

/** Procedures whose input names a city: `{ cityId }`. */
export function cityProcedure(action: Action) {
  return authedProcedure.input(z.object({ cityId: idSchema })).use(async ({ ctx, input, next }) => {
    const actor = await authorizeInCity(ctx.db, ctx.userId, input.cityId, action);
    return next({ ctx: { ...ctx, actor, cityId: input.cityId } });
  });
}

/** Procedures whose input names an assessment: loads it and authorises in its city. */
export function assessmentProcedure(action: Action) {
  return authedProcedure.input(z.object({ assessmentId: idSchema })).use(async ({ ctx, input, next }) => {
    const [assessment] = await ctx.db.select().from(assessments).where(eq(assessments.id, input.assessmentId)).limit(1);
    if (!assessment) throw new DomainError("NOT_FOUND", "Assessment not found.");
    const actor = await authorizeInCity(ctx.db, ctx.userId, assessment.cityId, action);
    return next({ ctx: { ...ctx, actor, cityId: assessment.cityId, assessment } });
  });
}

/** Procedures whose input names a piece of evidence: loads it and its assessment. */
export function evidenceProcedure(action: Action) {
  return authedProcedure.input(z.object({ evidenceId: idSchema })).use(async ({ ctx, input, next }) => {
    const [row] = await ctx.db
      .select({ evidence, assessment: assessments })
      .from(evidence)
      .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
      .where(eq(evidence.id, input.evidenceId))
      .limit(1);
    if (!row) throw new DomainError("NOT_FOUND", "Evidence not found.");
    const actor = await authorizeInCity(ctx.db, ctx.userId, row.evidence.cityId, action);
    return next({ ctx: { ...ctx, actor, cityId: row.evidence.cityId, evidence: row.evidence, assessment: row.assessment } });
  });
}

/** Procedures whose input names a consultation: loads it and authorises in its city. */
export function consultationProcedure(action: Action) {
  return authedProcedure.input(consultationIdSchema).use(async ({ ctx, input, next }) => {
    const consultation = await findConsultation(ctx.db, input.consultationId);
    if (!consultation) throw new DomainError("NOT_FOUND", "Consultation not found.");
    const actor = await authorizeInCity(ctx.db, ctx.userId, consultation.cityId, action);
    return next({ ctx: { ...ctx, actor, cityId: consultation.cityId, consultation } });
  });
}

/** Procedures whose input names a feedback item: loads it with its consultation. */
export function feedbackProcedure(action: Action) {
  return authedProcedure.input(feedbackIdSchema).use(async ({ ctx, input, next }) => {
    const target = await findFeedbackWithConsultation(ctx.db, input.feedbackId);
    if (!target) throw new DomainError("NOT_FOUND", "Feedback not found.");
    const actor = await authorizeInCity(ctx.db, ctx.userId, target.item.cityId, action);
    return next({ ctx: { ...ctx, actor, cityId: target.item.cityId, target } });
  });
}

/** Cross-city procedures (the technical expert group, admins): the global role, through the same table. */
export function globalProcedure(action: Action) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const actor = await authorizeGlobally(ctx.db, ctx.userId, action);
    return next({ ctx: { ...ctx, actor } });
  });
}

/**
 * The open data behind `public.*`: each call (batched or not) counts against the same per-address
 * limit as the REST API (/api/v1), in the same shared store, so the tRPC door is not a way around it.
 */
export const publicRateLimitedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const limiter = publicApiLimiterFor(ctx.db);
  if (limiter) {
    const decision = await limiter.hit(ctx.clientIp ?? "unknown");
    if (!decision.allowed) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        `Too many requests: at most ${decision.limit} per minute from one address. Try again in ${decision.retryAfterSeconds} s.`,
        { details: { limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds } },
      );
    }
  }
  return next();
});
