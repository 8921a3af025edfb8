import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";

// Shared by the routers and the client forms: no server-only imports here.

const idSchema = z.uuid({ message: validationMessage("validation.invalidId") });

/** Consultations run at most a year; the date is the last day citizens can answer (inclusive, UTC). */
export const MAX_CONSULTATION_DAYS = 366;

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export const openConsultationSchema = z.object({
  question: text()
    .trim()
    .min(10, { message: validationMessage("validation.consultation.questionTooShort") })
    .max(500, { message: validationMessage("validation.consultation.questionTooLong") }),
  summary: text()
    .trim()
    .min(20, { message: validationMessage("validation.consultation.summaryTooShort") })
    .max(4000, { message: validationMessage("validation.consultation.summaryTooLong") }),
  characteristicKeys: z
    .array(z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.unknown") }))
    .min(1, { message: validationMessage("validation.characteristic.atLeastOne") })
    .refine((keys) => new Set(keys).size === keys.length, { message: validationMessage("validation.characteristic.eachOnce") }),
  closesOn: text({ message: validationMessage("validation.consultation.closingDateRequired") })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: validationMessage("validation.consultation.closingDateRequired") })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: validationMessage("validation.date.invalid") })
    .refine((d) => d >= todayUtc(), { message: validationMessage("validation.consultation.closingDateInPast") })
    .refine((d) => Date.parse(`${d}T00:00:00Z`) - Date.now() <= MAX_CONSULTATION_DAYS * 86_400_000, {
      message: validationMessage("validation.consultation.tooLong"),
    }),
});
export type OpenConsultationInput = z.infer<typeof openConsultationSchema>;

/** The instant a consultation closes: the end of its closing day, UTC. */
export function closesAtFor(closesOn: string): Date {
  return new Date(`${closesOn}T23:59:59.999Z`);
}

export const consultationIdSchema = z.object({ consultationId: idSchema });

export const FEEDBACK_BODY_MAX = 4000;
export const SUGGESTION_MAX = 500;

/** The citizen's answer form (the consultation comes from the page). */
export const feedbackFormSchema = z.object({
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.consultation.feedbackTopic") }),
  body: text()
    .trim()
    .min(1, { message: validationMessage("validation.consultation.feedbackRequired") })
    .max(FEEDBACK_BODY_MAX, { message: validationMessage("validation.consultation.feedbackTooLong", { max: String(FEEDBACK_BODY_MAX) }) }),
  rating: z
    .number({ message: validationMessage("validation.consultation.ratingRange") })
    .int({ message: validationMessage("validation.consultation.ratingWhole") })
    .min(1, { message: validationMessage("validation.consultation.ratingRange") })
    .max(5, { message: validationMessage("validation.consultation.ratingRange") })
    .nullish(),
  suggestion: text()
    .trim()
    .max(SUGGESTION_MAX, { message: validationMessage("validation.consultation.suggestionTooLong", { max: String(SUGGESTION_MAX) }) })
    .nullish()
    .transform((s) => (s ? s : null)),
});

export const submitFeedbackSchema = feedbackFormSchema.extend({ consultationId: idSchema });

export const listFeedbackSchema = z.object({
  consultationId: idSchema,
  characteristicKey: z.enum(CHARACTERISTIC_KEYS).nullish(),
  /** The id of the last item of the previous page. */
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const listConsultationsSchema = z.object({
  cityId: idSchema.nullish(),
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const feedbackIdSchema = z.object({ feedbackId: idSchema });
