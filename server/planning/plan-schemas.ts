import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";

// Shared by the router and the planner's client form: no server-only imports here.

const idSchema = z.uuid({ message: validationMessage("validation.invalidId") });

/** A plan lists each criterion once; the framework has 52, so this bound is generous. */
export const MAX_PLANNED_CRITERIA = 200;

export const planCriterionSchema = z.object({
  criterionKey: text().min(1).max(100),
  /** A member of the city who owns the criterion; null while nobody does. */
  ownerId: idSchema.nullable(),
});

export const planFieldsSchema = z.object({
  name: text()
    .trim()
    .min(1, { message: validationMessage("validation.plan.nameRequired") })
    .max(120, { message: validationMessage("validation.plan.nameTooLong") }),
  description: text()
    .trim()
    .max(2000, { message: validationMessage("validation.plan.descriptionTooLong") })
    .default(""),
  targetCycle: text()
    .trim()
    .min(1, { message: validationMessage("validation.plan.targetCycleRequired") })
    .max(40, { message: validationMessage("validation.plan.targetCycleTooLong") }),
  criteria: z
    .array(planCriterionSchema)
    .max(MAX_PLANNED_CRITERIA)
    .refine((list) => new Set(list.map((c) => c.criterionKey)).size === list.length, {
      message: validationMessage("validation.plan.criterionOnce"),
    }),
});
export type PlanFields = z.infer<typeof planFieldsSchema>;

export const planIdSchema = z.object({ planId: idSchema });

export const updatePlanSchema = planFieldsSchema.extend({ expectedVersion: z.number().int().min(1) });

export const comparePlansSchema = z.object({ otherPlanId: idSchema });
