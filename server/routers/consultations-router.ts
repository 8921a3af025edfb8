import { z } from "zod";
import {
  consultationIdSchema,
  listConsultationsSchema,
  listFeedbackSchema,
  openConsultationSchema,
  submitFeedbackSchema,
} from "@/server/consultations/consultation-schemas";
import {
  closeConsultation,
  getConsultation,
  listCityConsultations,
  listConsultableAssessments,
  listOpenConsultations,
  openConsultation,
} from "@/server/consultations/consultations";
import { listFeedback, submitFeedback, supportFeedback } from "@/server/consultations/feedback";
import { summariseConsultationFeedback } from "@/server/consultations/feedback-summary";
import { authedProcedure, idSchema, publicProcedure, router } from "@/server/trpc/init";
import { assessmentProcedure, cityProcedure, consultationProcedure, feedbackProcedure } from "@/server/trpc/procedures";

export const consultationsRouter = router({
  /** Open consultations, closing soonest first; anyone may read them. */
  listOpen: publicProcedure.input(listConsultationsSchema).query(({ ctx, input }) => listOpenConsultations(ctx.db, input)),
  /** Every consultation of one city (open and closed), for those who read the summaries. */
  listForCity: cityProcedure("feedback:summary")
    .input(z.object({ cursor: idSchema.nullish(), limit: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => listCityConsultations(ctx.db, ctx.cityId, input)),
  get: publicProcedure.input(consultationIdSchema).query(({ ctx, input }) => getConsultation(ctx.db, ctx.userId, input.consultationId)),
  /** Draft assessments the caller leads: where a consultation can be opened. */
  consultableAssessments: authedProcedure.query(({ ctx }) => listConsultableAssessments(ctx.db, ctx.userId)),
  open: assessmentProcedure("consultation:open")
    .input(openConsultationSchema)
    .mutation(({ ctx, input }) => openConsultation(ctx.db, ctx.actor, ctx.assessment, input)),
  close: consultationProcedure("consultation:open").mutation(({ ctx }) => closeConsultation(ctx.db, ctx.actor, ctx.consultation)),
  feedback: publicProcedure.input(listFeedbackSchema).query(({ ctx, input }) => listFeedback(ctx.db, ctx.userId, input)),
  submitFeedback: consultationProcedure("feedback:submit")
    .input(submitFeedbackSchema)
    .mutation(({ ctx, input }) => submitFeedback(ctx.db, ctx.actor, ctx.consultation, input)),
  support: feedbackProcedure("feedback:support").mutation(({ ctx }) => supportFeedback(ctx.db, ctx.actor, ctx.target)),
  summary: consultationProcedure("feedback:summary").query(({ ctx }) => summariseConsultationFeedback(ctx.db, ctx.consultation)),
});
