/**
 * Inputs of the workflow procedures, shared by the router and the forms (no server-only imports).
 */
import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { ASSESSMENT_STATUSES } from "@/shared/domain-values";
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from "./assessment-lifecycle";

export const assessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);

export const reasonSchema = text({ message: "Give a reason." })
  .trim()
  .min(REASON_MIN_LENGTH, { message: `Give a reason (at least ${REASON_MIN_LENGTH} characters).` })
  .max(REASON_MAX_LENGTH, { message: `Keep the reason under ${REASON_MAX_LENGTH} characters.` });

/** A plain forward step: only the status the person saw, to detect a double press. */
export const forwardTransitionSchema = z.object({
  expectedStatus: assessmentStatusSchema.optional(),
});

/** A step back: the reason is required and shown to the people who must act on it. */
export const returnTransitionSchema = z.object({
  expectedStatus: assessmentStatusSchema.optional(),
  reason: reasonSchema,
});

export const approveSchema = z.object({
  expectedStatus: assessmentStatusSchema.optional(),
  comment: text()
    .trim()
    .max(REASON_MAX_LENGTH, { message: `Keep the comment under ${REASON_MAX_LENGTH} characters.` })
    .optional(),
});

export const startNextCycleSchema = z.object({
  cycle: text({ message: "Name the cycle, e.g. 2026." })
    .trim()
    .min(1, { message: "Name the cycle, e.g. 2026." })
    .max(40, { message: "Keep the cycle name under 40 characters." }),
});

export type ReturnTransitionInput = z.infer<typeof returnTransitionSchema>;
export type ApproveInput = z.infer<typeof approveSchema>;
export type StartNextCycleInput = z.infer<typeof startNextCycleSchema>;
