import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { users } from "@/db/schema/identity";
import { resolveCityRole } from "@/server/auth/city-role";
import { can, isPublicAction, type Action, type GlobalRole, type Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { publicApiLimiterFor } from "@/server/public/rate-limit";
import { authedProcedure, idSchema, publicProcedure } from "./init";

/**
 * Decides access for one action in one city. Non-members get NOT_FOUND for private actions (we do
 * not reveal that the resource exists); members without the right get FORBIDDEN.
 */
export async function authorizeInCity(
  db: DbOrTx,
  userId: string,
  cityId: string,
  action: Action,
): Promise<Role> {
  const access = await resolveCityRole(db, userId, cityId);
  if (!access) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in again." });
  if (can(access.role, action)) return access.role;
  if (!access.isMember && !isPublicAction(action)) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  }
  throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${access.role}) may not ${action}.` });
}

/** Procedures whose input names a city: `{ cityId }`. */
export function cityProcedure(action: Action) {
  return authedProcedure.input(z.object({ cityId: idSchema })).use(async ({ ctx, input, next }) => {
    const role = await authorizeInCity(ctx.db, ctx.userId, input.cityId, action);
    return next({ ctx: { ...ctx, role, cityId: input.cityId } });
  });
}

/** Procedures whose input names an assessment: loads it and authorises in its city. */
export function assessmentProcedure(action: Action) {
  return authedProcedure.input(z.object({ assessmentId: idSchema })).use(async ({ ctx, input, next }) => {
    const [assessment] = await ctx.db.select().from(assessments).where(eq(assessments.id, input.assessmentId)).limit(1);
    if (!assessment) throw new TRPCError({ code: "NOT_FOUND", message: "Assessment not found." });
    const role = await authorizeInCity(ctx.db, ctx.userId, assessment.cityId, action);
    return next({ ctx: { ...ctx, role, cityId: assessment.cityId, assessment } });
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
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Evidence not found." });
    const role = await authorizeInCity(ctx.db, ctx.userId, row.evidence.cityId, action);
    return next({ ctx: { ...ctx, role, cityId: row.evidence.cityId, evidence: row.evidence, assessment: row.assessment } });
  });
}

/** Cross-city procedures for global roles (the technical expert group, admins). */
export function globalRoleProcedure(allowedRoles: readonly GlobalRole[]) {
  return authedProcedure.use(async ({ ctx, next }) => {
    const [user] = await ctx.db.select({ globalRole: users.globalRole }).from(users).where(eq(users.id, ctx.userId)).limit(1);
    const role = user?.globalRole ?? null;
    if (!role || !allowedRoles.includes(role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Only the ${allowedRoles.join(" or ")} role may do this.` });
    }
    return next({ ctx: { ...ctx, globalRole: role as GlobalRole } });
  });
}

export const adminProcedure = globalRoleProcedure(["admin"]);
export const expertProcedure = globalRoleProcedure(["expert"]);

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
