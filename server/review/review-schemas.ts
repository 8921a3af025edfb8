/** Shared by the review router and the expert's forms (no server-only imports). */
import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { CHARACTERISTIC_KEYS, EVIDENCE_KINDS, EVIDENCE_STATUSES, FIGURE3_COLUMNS, JUDGEMENTS } from "@/shared/domain-values";

export const REVIEW_DECISIONS = ["accepted", "rejected", "changes_requested"] as const;

export const reviewDecisionSchema = z
  .object({
    /** The revision the expert read: a newer one submitted meanwhile makes the decision a conflict. */
    revision: z.number().int().min(1),
    decision: z.enum(REVIEW_DECISIONS, { message: validationMessage("validation.review.decision") }),
    note: text()
      .trim()
      .max(4000, { message: validationMessage("validation.review.noteTooLong") })
      .transform((v) => (v === "" ? undefined : v))
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "rejected" && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: validationMessage("validation.review.explainRejection") });
    }
    if (value.decision === "changes_requested" && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: validationMessage("validation.review.explainChanges") });
    }
  });
export type ReviewDecisionInput = z.output<typeof reviewDecisionSchema>;

export const QUEUE_PAGE_SIZE = 25;

export const reviewQueueFilterSchema = z.object({
  cityId: z.uuid().optional(),
  characteristicKey: z.enum(CHARACTERISTIC_KEYS).optional(),
  kind: z.enum(EVIDENCE_KINDS).optional(),
  status: z.enum(EVIDENCE_STATUSES).default("submitted"),
  /** Only items waiting at least this many days. */
  minAgeDays: z.number().int().min(0).max(3650).optional(),
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(QUEUE_PAGE_SIZE),
});
export type ReviewQueueFilter = z.output<typeof reviewQueueFilterSchema>;

/** `expectedVersion: null` creates the judgement; otherwise it must be the version the expert saw. */
export const expectedVersionSchema = z.number().int().min(1).nullable();

export const criterionJudgementInputSchema = z.object({
  criterionKey: text()
    .min(1, { message: validationMessage("validation.review.criterion") })
    .max(200),
  judgement: z.enum(JUDGEMENTS, { message: validationMessage("validation.review.judgement") }),
  note: text()
    .trim()
    .max(4000, { message: validationMessage("validation.review.noteTooLong") })
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
  evidenceIds: z
    .array(z.uuid({ message: validationMessage("validation.review.invalidEvidenceId") }))
    .max(50, { message: validationMessage("validation.review.tooManyEvidence") })
    .default([]),
  expectedVersion: expectedVersionSchema,
});
export type CriterionJudgementInput = z.output<typeof criterionJudgementInputSchema>;

/** One criterion of a batch: the single save's fields; the characteristic is named once for the batch. */
const batchJudgementSchema = criterionJudgementInputSchema;

/**
 * Every criterion of one characteristic judged in one call (the batch form): one transaction, the
 * same rules as one save per criterion, all or nothing.
 */
export const characteristicJudgementsInputSchema = z.object({
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.required") }),
  judgements: z
    .array(batchJudgementSchema)
    .min(1, { message: validationMessage("validation.review.batchEmpty") })
    .max(100)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.criterionKey)) {
          ctx.addIssue({ code: "custom", path: [index, "criterionKey"], message: validationMessage("validation.review.batchDuplicate") });
        }
        seen.add(item.criterionKey);
      });
    }),
});
export type CharacteristicJudgementsInput = z.output<typeof characteristicJudgementsInputSchema>;

export const characteristicRatingInputSchema = z.object({
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.required") }),
  level: z.enum(FIGURE3_COLUMNS, { message: validationMessage("validation.review.level") }),
  justification: text({ message: validationMessage("validation.review.justificationRequired") })
    .trim()
    .min(10, { message: validationMessage("validation.review.justificationTooShort") })
    .max(10_000, { message: validationMessage("validation.review.justificationTooLong") }),
  expectedVersion: expectedVersionSchema,
});
export type CharacteristicRatingInput = z.output<typeof characteristicRatingInputSchema>;

export const clearRatingInputSchema = z.object({
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.required") }),
  expectedVersion: z.number().int().min(1),
});

export const judgementPanelInputSchema = z.object({
  characteristicKey: z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.required") }),
});
