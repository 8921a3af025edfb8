import { z } from "zod";
import { router } from "@/server/trpc/init";
import { assessmentProcedure, cityProcedure, globalProcedure } from "@/server/trpc/procedures";
import { text } from "@/server/validation/text-schemas";
import {
  ASSESSMENT_LIST_PAGE_SIZE,
  listAssessmentsAcrossCities,
  loadAssessmentOverview,
  loadLeadershipDashboard,
} from "@/server/workflow/assessment-overview";
import { startNextCycle } from "@/server/workflow/start-next-cycle";
import { transitionAssessment } from "@/server/workflow/transition-assessment";
import {
  approveSchema,
  assessmentStatusSchema,
  forwardTransitionSchema,
  returnTransitionSchema,
  startNextCycleSchema,
} from "@/server/workflow/workflow-schemas";

/** The assessment lifecycle: one procedure per transition, each behind its permission action. */
export const workflowRouter = router({
  overview: assessmentProcedure("assessment:read").query(({ ctx }) => loadAssessmentOverview(ctx.db, ctx.assessment, ctx.actor)),
  leadershipDashboard: cityProcedure("assessment:read").query(({ ctx }) => loadLeadershipDashboard(ctx.db, ctx.cityId, ctx.actor)),
  assessments: globalProcedure("assessment:list_all")
    .input(
      z.object({
        status: assessmentStatusSchema.nullish(),
        cursor: text().max(200).nullish(),
        limit: z.number().int().min(1).max(100).default(ASSESSMENT_LIST_PAGE_SIZE),
      }),
    )
    .query(({ ctx, input }) => listAssessmentsAcrossCities(ctx.db, input)),

  submitForReview: assessmentProcedure("assessment:submit_for_review")
    .input(forwardTransitionSchema)
    .mutation(({ ctx, input }) =>
      transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "submit_for_review", ...input }),
    ),
  markRated: assessmentProcedure("assessment:mark_rated")
    .input(forwardTransitionSchema)
    .mutation(({ ctx, input }) => transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "mark_rated", ...input })),
  returnToDraft: assessmentProcedure("assessment:return_to_draft")
    .input(returnTransitionSchema)
    .mutation(({ ctx, input }) => transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "return_to_draft", ...input })),
  approve: assessmentProcedure("assessment:approve")
    .input(approveSchema)
    .mutation(({ ctx, input }) => transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "approve", ...input })),
  withdrawApproval: assessmentProcedure("assessment:withdraw_approval")
    .input(returnTransitionSchema)
    .mutation(({ ctx, input }) =>
      transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "withdraw_approval", ...input }),
    ),
  publish: assessmentProcedure("assessment:publish")
    .input(forwardTransitionSchema)
    .mutation(({ ctx, input }) => transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "publish", ...input })),
  unpublish: assessmentProcedure("assessment:unpublish")
    .input(returnTransitionSchema)
    .mutation(({ ctx, input }) => transitionAssessment(ctx.db, ctx.actor, ctx.assessment.id, { transition: "unpublish", ...input })),
  startNextCycle: assessmentProcedure("assessment:start_next_cycle")
    .input(startNextCycleSchema)
    .mutation(({ ctx, input }) => startNextCycle(ctx.db, ctx.actor, ctx.assessment.id, input)),
});
