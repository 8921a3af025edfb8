/** Shared by the assessments router and the "open an assessment" form. */
import { z } from "zod";
import { text } from "@/server/validation/text-schemas";

export const assessmentCycleSchema = text({ message: "Enter the cycle, e.g. 2026." })
  .trim()
  .regex(/^\d{4}(-[A-Za-z0-9]{1,8})?$/, { message: "The cycle is a year such as 2026, optionally with a suffix such as 2026-H1." });

export const openAssessmentSchema = z.object({ cycle: assessmentCycleSchema });

export const assessmentListSchema = z.object({
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
