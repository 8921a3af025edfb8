import { getEvidenceDetail, listEvidenceForAssessment, listMyEvidence, summariseEvidence } from "@/server/evidence/evidence-queries";
import {
  evidenceContentSchema,
  evidenceListFilterSchema,
  myEvidenceFilterSchema,
  reviseEvidenceTargetSchema,
  submitEvidenceTargetSchema,
  withdrawEvidenceSchema,
} from "@/server/evidence/evidence-schemas";
import { reviseEvidence, submitEvidence, withdrawEvidence } from "@/server/evidence/evidence-submissions";
import { authedProcedure, router } from "@/server/trpc/init";
import { assessmentProcedure, evidenceProcedure } from "@/server/trpc/procedures";

export const evidenceRouter = router({
  submit: assessmentProcedure("evidence:submit")
    .input(submitEvidenceTargetSchema)
    .input(evidenceContentSchema)
    .mutation(({ ctx, input }) => {
      const { assessmentId: _assessmentId, ...content } = input;
      return submitEvidence(ctx.db, ctx.actor, ctx.assessment, content);
    }),
  revise: evidenceProcedure("evidence:submit")
    .input(reviseEvidenceTargetSchema)
    .input(evidenceContentSchema)
    .mutation(({ ctx, input }) => {
      const { evidenceId: _evidenceId, ...content } = input;
      return reviseEvidence(ctx.db, ctx.actor, ctx.assessment, ctx.evidence, content);
    }),
  withdraw: evidenceProcedure("evidence:submit")
    .input(withdrawEvidenceSchema)
    .mutation(({ ctx, input }) => withdrawEvidence(ctx.db, ctx.actor, ctx.assessment, ctx.evidence, input)),
  get: evidenceProcedure("evidence:read_accepted").query(({ ctx }) => getEvidenceDetail(ctx.db, ctx.actor, ctx.assessment, ctx.evidence)),
  listForAssessment: assessmentProcedure("evidence:read_accepted")
    .input(evidenceListFilterSchema)
    .query(({ ctx, input }) => listEvidenceForAssessment(ctx.db, ctx.actor, ctx.assessment.id, input)),
  summary: assessmentProcedure("evidence:read_accepted").query(({ ctx }) => summariseEvidence(ctx.db, ctx.actor, ctx.assessment.id)),
  /** The caller's own submissions, across their cities. */
  mine: authedProcedure.input(myEvidenceFilterSchema).query(({ ctx, input }) => listMyEvidence(ctx.db, ctx.userId, input)),
});
