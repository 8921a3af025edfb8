/**
 * Inputs of the workflow procedures, shared by the router and the forms (no server-only imports).
 */
import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { ASSESSMENT_STATUSES } from "@/shared/domain-values";
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from "./assessment-lifecycle";

export const assessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);

export const reasonSchema = text({ message: validationMessage("validation.workflow.reasonRequired") })
  .trim()
  .min(REASON_MIN_LENGTH, { message: validationMessage("validation.workflow.reasonTooShort", { min: String(REASON_MIN_LENGTH) }) })
  .max(REASON_MAX_LENGTH, { message: validationMessage("validation.workflow.reasonTooLong", { max: String(REASON_MAX_LENGTH) }) });

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
    .max(REASON_MAX_LENGTH, { message: validationMessage("validation.workflow.commentTooLong", { max: String(REASON_MAX_LENGTH) }) })
    .optional(),
});

export const startNextCycleSchema = z.object({
  cycle: text({ message: validationMessage("validation.workflow.cycleRequired") })
    .trim()
    .min(1, { message: validationMessage("validation.workflow.cycleRequired") })
    .max(40, { message: validationMessage("validation.workflow.cycleTooLong") }),
});

export type StartNextCycleInput = z.infer<typeof startNextCycleSchema>;
