import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { FLAG_REASONS, FLAG_TARGET_TYPES } from "@/shared/domain-values";

// Shared by the router and the client forms: no server-only imports here.

const idSchema = z.uuid({ message: validationMessage("validation.invalidId") });

export const flagFormSchema = z.object({
  reason: z.enum(FLAG_REASONS, { message: "Choose why you flag this." }),
  note: text()
    .trim()
    .max(500, { message: "Keep the note under 500 characters." })
    .nullish()
    .transform((s) => (s ? s : null)),
});

export const flagContentSchema = flagFormSchema.extend({
  targetType: z.enum(FLAG_TARGET_TYPES),
  targetId: idSchema,
});

export const QUEUE_VIEWS = ["pending", "all", "reviewed"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const moderationQueueSchema = z.object({
  view: z.enum(QUEUE_VIEWS).default("pending"),
  cursor: text().max(400).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

const moderationItemSchema = z.object({ targetType: z.enum(FLAG_TARGET_TYPES), targetId: idSchema });
export type ModerationItemRef = z.infer<typeof moderationItemSchema>;

const itemsSchema = z
  .array(moderationItemSchema)
  .min(1, { message: "Select at least one item." })
  .max(100, { message: "Act on at most 100 items at once." });

export const hideReasonSchema = text()
  .trim()
  .min(3, { message: "Give the reason readers will see in place of the text." })
  .max(500, { message: "Keep the reason under 500 characters." });

export const hideItemsSchema = z.object({ items: itemsSchema, reason: hideReasonSchema });
export const reviewItemsSchema = z.object({ items: itemsSchema });

export const blockJustificationSchema = text()
  .trim()
  .min(10, { message: "Write a justification of at least 10 characters; the user will read it." })
  .max(1000, { message: "Keep the justification under 1,000 characters." });

export const blockUsersSchema = z.object({
  userIds: z.array(idSchema).min(1, { message: "Select at least one author." }).max(50),
  justification: blockJustificationSchema,
});

export const unblockUserSchema = z.object({ userId: idSchema });

export const blockedUsersSchema = z.object({
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** The moderation page's two small forms, validated the same way as the procedures. */
export const hideFormSchema = z.object({ reason: hideReasonSchema });
export const blockFormSchema = z.object({ justification: blockJustificationSchema });
