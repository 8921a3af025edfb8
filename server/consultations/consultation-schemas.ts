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
    .min(10, { message: "Ask a question of at least 10 characters." })
    .max(500, { message: "Keep the question under 500 characters." }),
  summary: text()
    .trim()
    .min(20, { message: "Write a plain-language summary of at least 20 characters." })
    .max(4000, { message: "Keep the summary under 4,000 characters." }),
  characteristicKeys: z
    .array(z.enum(CHARACTERISTIC_KEYS, { message: "Unknown characteristic." }))
    .min(1, { message: "Choose at least one characteristic." })
    .refine((keys) => new Set(keys).size === keys.length, { message: "Each characteristic once." }),
  closesOn: text({ message: "Choose a closing date." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Choose a closing date." })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: "Choose a valid date." })
    .refine((d) => d >= todayUtc(), { message: "The closing date cannot be in the past." })
    .refine((d) => Date.parse(`${d}T00:00:00Z`) - Date.now() <= MAX_CONSULTATION_DAYS * 86_400_000, {
      message: "A consultation runs for a year at most.",
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
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: "Choose what your feedback is about." }),
  body: text()
    .trim()
    .min(1, { message: "Write your feedback." })
    .max(FEEDBACK_BODY_MAX, { message: `Feedback is at most ${FEEDBACK_BODY_MAX} characters.` }),
  rating: z
    .number({ message: "A rating is a number from 1 to 5." })
    .int({ message: "A rating is a whole number from 1 to 5." })
    .min(1, { message: "A rating is a number from 1 to 5." })
    .max(5, { message: "A rating is a number from 1 to 5." })
    .nullish(),
  suggestion: text()
    .trim()
    .max(SUGGESTION_MAX, { message: `A suggestion is at most ${SUGGESTION_MAX} characters.` })
    .nullish()
    .transform((s) => (s ? s : null)),
});
export type FeedbackFormInput = z.input<typeof feedbackFormSchema>;

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
