/** Shared by the assessments router and the "open an assessment" form. */
import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";

export const assessmentCycleSchema = text({ message: validationMessage("validation.assessment.cycleRequired") })
  .trim()
  .regex(/^\d{4}(-[A-Za-z0-9]{1,8})?$/, { message: validationMessage("validation.assessment.cycleFormat") });

export const openAssessmentSchema = z.object({ cycle: assessmentCycleSchema });

export const assessmentListSchema = z.object({
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
