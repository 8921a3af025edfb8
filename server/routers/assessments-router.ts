import { assessmentListSchema, openAssessmentSchema } from "@/server/assessments/assessment-schemas";
import { describeAssessment, findOpenAssessment, listCityAssessments, openAssessment } from "@/server/assessments/assessments";
import { router } from "@/server/trpc/init";
import { assessmentProcedure, cityProcedure } from "@/server/trpc/procedures";

export const assessmentsRouter = router({
  open: cityProcedure("assessment:open")
    .input(openAssessmentSchema)
    .mutation(({ ctx, input }) => openAssessment(ctx.db, ctx.actor, ctx.cityId, input)),
  get: assessmentProcedure("assessment:read").query(({ ctx }) => describeAssessment(ctx.db, ctx.assessment, ctx.actor)),
  /** The city's assessment that is not published yet, or null. */
  current: cityProcedure("assessment:read").query(async ({ ctx }) => {
    const open = await findOpenAssessment(ctx.db, ctx.cityId);
    return open ? describeAssessment(ctx.db, open, ctx.actor) : null;
  }),
  listForCity: cityProcedure("assessment:read")
    .input(assessmentListSchema)
    .query(({ ctx, input }) => listCityAssessments(ctx.db, ctx.cityId, input)),
});
