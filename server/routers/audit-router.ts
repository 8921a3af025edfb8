import { timelinePageSchema } from "@/server/audit/audit-schemas";
import { listAssessmentTimeline } from "@/server/audit/audit-timeline";
import { chainKeyFor, verifyAuditChain } from "@/server/audit/audit-trail";
import { router } from "@/server/trpc/init";
import { assessmentProcedure } from "@/server/trpc/procedures";

/** An assessment's audit trail, for the technical expert group, the leadership group and admins. */
export const auditRouter = router({
  timeline: assessmentProcedure("assessment:timeline")
    .input(timelinePageSchema)
    .query(({ ctx, input }) => listAssessmentTimeline(ctx.db, ctx.assessment.id, input)),
  verify: assessmentProcedure("assessment:timeline").query(({ ctx }) =>
    verifyAuditChain(ctx.db, chainKeyFor({ assessmentId: ctx.assessment.id })),
  ),
});
