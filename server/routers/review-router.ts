import { confirmCarriedOver } from "@/server/review/carried-over";
import { confirmCarriedOverSchema } from "@/server/review/carried-over-schemas";
import { reviewEvidence } from "@/server/review/evidence-review";
import {
  clearCharacteristicRating,
  saveCharacteristicJudgements,
  saveCharacteristicRating,
  saveCriterionJudgement,
} from "@/server/review/expert-judgements";
import { loadJudgementPanel } from "@/server/review/live-assessment-score";
import { listAssessmentsUnderWay, listReviewQueue } from "@/server/review/review-queue";
import {
  characteristicJudgementsInputSchema,
  characteristicRatingInputSchema,
  clearRatingInputSchema,
  criterionJudgementInputSchema,
  judgementPanelInputSchema,
  reviewDecisionSchema,
  reviewQueueFilterSchema,
} from "@/server/review/review-schemas";
import { router } from "@/server/trpc/init";
import { assessmentProcedure, evidenceProcedure, globalProcedure } from "@/server/trpc/procedures";

const reviewQueueProcedure = globalProcedure("review:queue");

export const reviewRouter = router({
  /** The technical expert group's queue across cities, oldest first. */
  queue: reviewQueueProcedure.input(reviewQueueFilterSchema).query(({ ctx, input }) => listReviewQueue(ctx.db, input)),
  assessmentsUnderWay: reviewQueueProcedure.query(({ ctx }) => listAssessmentsUnderWay(ctx.db)),
  decide: evidenceProcedure("evidence:review")
    .input(reviewDecisionSchema)
    .mutation(async ({ ctx, input }) => {
      const { evidenceId: _evidenceId, ...decision } = input;
      const outcome = await reviewEvidence(ctx.db, ctx.actor, ctx.assessment, ctx.evidence, decision);
      return { evidence: outcome.evidence, review: outcome.review };
    }),
  panel: assessmentProcedure("assessment:read")
    .input(judgementPanelInputSchema)
    .query(({ ctx, input }) => loadJudgementPanel(ctx.db, ctx.assessment, input.characteristicKey)),
  saveJudgement: assessmentProcedure("judgement:write")
    .input(criterionJudgementInputSchema)
    .mutation(({ ctx, input }) => {
      const { assessmentId: _assessmentId, ...judgement } = input;
      return saveCriterionJudgement(ctx.db, ctx.actor, ctx.assessment, judgement);
    }),
  /** Every criterion of one characteristic judged in one call (one transaction, all or nothing). */
  saveJudgements: assessmentProcedure("judgement:write")
    .input(characteristicJudgementsInputSchema)
    .mutation(({ ctx, input }) => {
      const { assessmentId: _assessmentId, ...batch } = input;
      return saveCharacteristicJudgements(ctx.db, ctx.actor, ctx.assessment, batch);
    }),
  saveRating: assessmentProcedure("rating:write")
    .input(characteristicRatingInputSchema)
    .mutation(({ ctx, input }) => {
      const { assessmentId: _assessmentId, ...rating } = input;
      return saveCharacteristicRating(ctx.db, ctx.actor, ctx.assessment, rating);
    }),
  /** Confirms, as they stand, the judgements and rating of one characteristic carried over from the last cycle. */
  confirmCarriedOver: assessmentProcedure("judgement:write")
    .input(confirmCarriedOverSchema)
    .mutation(({ ctx, input }) => confirmCarriedOver(ctx.db, ctx.actor, ctx.assessment, { characteristicKey: input.characteristicKey })),
  clearRating: assessmentProcedure("rating:write")
    .input(clearRatingInputSchema)
    .mutation(({ ctx, input }) => clearCharacteristicRating(ctx.db, ctx.actor, ctx.assessment, input)),
});
