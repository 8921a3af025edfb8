import { z } from "zod";
import { FIGURE3_COLUMNS, JUDGEMENTS } from "@/shared/domain-values";

/**
 * Shape of the scoring input for routers and forms. It checks shape only: keys are checked against
 * the pinned framework edition by scoreAssessment, which reports every problem at once.
 */
export const judgementSchema = z.enum(JUDGEMENTS);
export const levelOrNotAssessedSchema = z.enum(FIGURE3_COLUMNS);

export const criterionJudgementSchema = z.object({
  criterionKey: z.string().min(1).max(200),
  judgement: judgementSchema,
});

export const characteristicRatingSchema = z.object({
  characteristicKey: z.string().min(1).max(100),
  level: levelOrNotAssessedSchema,
  justification: z.string().max(10_000).nullish(),
});

export const assessmentInputSchema = z.object({
  frameworkKey: z.string().min(1).max(100),
  frameworkVersion: z.string().min(1).max(50),
  judgements: z.array(criterionJudgementSchema).max(1_000),
  ratings: z.array(characteristicRatingSchema).max(100).optional(),
});
