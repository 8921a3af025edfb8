import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Action } from "@/server/auth/permissions";
import {
  consultationIdSchema,
  feedbackIdSchema,
  listConsultationsSchema,
  listFeedbackSchema,
  openConsultationSchema,
  submitFeedbackSchema,
} from "@/server/consultations/consultation-schemas";
import {
  closeConsultation,
  findConsultation,
  getConsultation,
  listCityConsultations,
  listConsultableAssessments,
  listOpenConsultations,
  openConsultation,
} from "@/server/consultations/consultations";
import { findFeedbackWithConsultation, listFeedback, submitFeedback, supportFeedback } from "@/server/consultations/feedback";
import { summariseConsultationFeedback } from "@/server/consultations/feedback-summary";
import { authedProcedure, idSchema, publicProcedure, router } from "@/server/trpc/init";
import { assessmentProcedure, authorizeInCity, cityProcedure } from "@/server/trpc/procedures";

/** Procedures whose input names a consultation: loads it and authorises in its city. */
function consultationProcedure(action: Action) {
  return authedProcedure.input(consultationIdSchema).use(async ({ ctx, input, next }) => {
    const consultation = await findConsultation(ctx.db, input.consultationId);
    if (!consultation) throw new TRPCError({ code: "NOT_FOUND", message: "Consultation not found." });
    const role = await authorizeInCity(ctx.db, ctx.userId, consultation.cityId, action);
    return next({ ctx: { ...ctx, role, cityId: consultation.cityId, consultation } });
  });
}

/** Procedures whose input names a feedback item: loads it with its consultation. */
function feedbackProcedure(action: Action) {
  return authedProcedure.input(feedbackIdSchema).use(async ({ ctx, input, next }) => {
    const target = await findFeedbackWithConsultation(ctx.db, input.feedbackId);
    if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "Feedback not found." });
    const role = await authorizeInCity(ctx.db, ctx.userId, target.item.cityId, action);
    return next({ ctx: { ...ctx, role, cityId: target.item.cityId, target } });
  });
}

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
    .mutation(({ ctx, input }) => openConsultation(ctx.db, { userId: ctx.userId, role: ctx.role }, ctx.assessment, input)),
  close: consultationProcedure("consultation:open").mutation(({ ctx }) =>
    closeConsultation(ctx.db, { userId: ctx.userId, role: ctx.role }, ctx.consultation),
  ),
  feedback: publicProcedure.input(listFeedbackSchema).query(({ ctx, input }) => listFeedback(ctx.db, ctx.userId, input)),
  submitFeedback: consultationProcedure("feedback:submit")
    .input(submitFeedbackSchema)
    .mutation(({ ctx, input }) => submitFeedback(ctx.db, { userId: ctx.userId, role: ctx.role }, ctx.consultation, input)),
  support: feedbackProcedure("feedback:support").mutation(({ ctx }) =>
    supportFeedback(ctx.db, { userId: ctx.userId, role: ctx.role }, ctx.target),
  ),
  summary: consultationProcedure("feedback:summary").query(({ ctx }) => summariseConsultationFeedback(ctx.db, ctx.consultation)),
});
