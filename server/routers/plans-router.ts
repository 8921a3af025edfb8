import { authorizeInCity } from "@/server/auth/authorize";
import type { Action } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import { comparePlansSchema, planFieldsSchema, planIdSchema, updatePlanSchema } from "@/server/planning/plan-schemas";
import {
  comparePlans,
  createPlan,
  deletePlan,
  findPlan,
  listPlans,
  loadPlanBaseline,
  loadPlanView,
  loadPlanVsActual,
  type Plan,
  setPlanPublished,
  updatePlan,
} from "@/server/planning/plans";
import { claimedSessionProcedure, router } from "@/server/trpc/init";
import { cityProcedure } from "@/server/trpc/procedures";

/** The action that reads a plan: a published plan is open to everyone signed in, a private one to the city's planners. */
const readActionFor = (plan: Plan): Action => (plan.publishedAt ? "plan:read_published" : "plan:read");

/**
 * Procedures whose input names a plan: loads it and authorises in its city. `"read"` applies the
 * read rule of the plan's publication state; any other action is checked as it is.
 */
function planProcedure(action: Action | "read") {
  return claimedSessionProcedure.input(planIdSchema).use(async ({ ctx, input, next }) => {
    const plan = await findPlan(ctx.db, input.planId);
    if (!plan) throw new DomainError("NOT_FOUND", "Plan not found.");
    const actor = await authorizeInCity(
      ctx.db,
      ctx.userId,
      plan.cityId,
      action === "read" ? readActionFor(plan) : action,
      ctx.sessionCheck,
    );
    return next({ ctx: { ...ctx, actor, plan } });
  });
}

export const plansRouter = router({
  /** Every plan for the city's planners; the published ones for everyone else signed in. */
  list: cityProcedure("plan:read_published").query(({ ctx }) => listPlans(ctx.db, ctx.cityId, ctx.actor)),
  /** What a new plan starts from: the current assessment's judgements and the possible owners. */
  baseline: cityProcedure("plan:write").query(({ ctx }) => loadPlanBaseline(ctx.db, ctx.cityId)),
  get: planProcedure("read").query(({ ctx }) => loadPlanView(ctx.db, ctx.plan, ctx.actor)),
  create: cityProcedure("plan:write")
    .input(planFieldsSchema)
    .mutation(({ ctx, input }) => createPlan(ctx.db, ctx.actor, ctx.cityId, input)),
  update: planProcedure("plan:write")
    .input(updatePlanSchema)
    .mutation(({ ctx, input }) => updatePlan(ctx.db, ctx.actor, ctx.plan, input)),
  delete: planProcedure("plan:write").mutation(({ ctx }) => deletePlan(ctx.db, ctx.actor, ctx.plan)),
  publish: planProcedure("plan:publish").mutation(({ ctx }) => setPlanPublished(ctx.db, ctx.actor, ctx.plan, true)),
  unpublish: planProcedure("plan:publish").mutation(({ ctx }) => setPlanPublished(ctx.db, ctx.actor, ctx.plan, false)),
  compare: planProcedure("read")
    .input(comparePlansSchema)
    .query(async ({ ctx, input }) => {
      const other = await findPlan(ctx.db, input.otherPlanId);
      if (!other || other.cityId !== ctx.plan.cityId) throw new DomainError("NOT_FOUND", "Plan not found.");
      await authorizeInCity(ctx.db, ctx.userId, other.cityId, readActionFor(other), ctx.sessionCheck);
      return comparePlans(ctx.db, ctx.plan, other, ctx.actor);
    }),
  planVsActual: planProcedure("read").query(({ ctx }) => loadPlanVsActual(ctx.db, ctx.plan)),
});
