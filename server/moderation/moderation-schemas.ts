import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { FLAG_REASONS, FLAG_TARGET_TYPES } from "@/shared/domain-values";

// Shared by the router and the client forms: no server-only imports here.

const idSchema = z.uuid({ message: validationMessage("validation.invalidId") });

export const flagFormSchema = z.object({
  reason: z.enum(FLAG_REASONS, { message: validationMessage("validation.moderation.flagReason") }),
  note: text()
    .trim()
    .max(500, { message: validationMessage("validation.moderation.noteTooLong") })
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
  /** Only items posted in this city. */
  cityId: idSchema.nullish(),
  /** Only comments or only consultation feedback. */
  kind: z.enum(FLAG_TARGET_TYPES).nullish(),
  /** Only items flagged (at least once) for this reason. */
  reason: z.enum(FLAG_REASONS).nullish(),
  /** Words in the item's text (body or suggestion) or its author's name; case-insensitive. */
  search: text()
    .trim()
    .max(100, { message: validationMessage("validation.moderation.searchTooLong") })
    .nullish()
    .transform((s) => (s ? s : null)),
  cursor: text().max(400).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ModerationQueueFilter = Pick<z.output<typeof moderationQueueSchema>, "cityId" | "kind" | "reason" | "search">;

const moderationItemSchema = z.object({ targetType: z.enum(FLAG_TARGET_TYPES), targetId: idSchema });
export type ModerationItemRef = z.infer<typeof moderationItemSchema>;

const itemsSchema = z
  .array(moderationItemSchema)
  .min(1, { message: validationMessage("validation.moderation.selectItems") })
  .max(100, { message: validationMessage("validation.moderation.tooManyItems") });

export const hideReasonSchema = text()
  .trim()
  .min(3, { message: validationMessage("validation.moderation.hideReasonRequired") })
  .max(500, { message: validationMessage("validation.moderation.hideReasonTooLong") });

export const hideItemsSchema = z.object({ items: itemsSchema, reason: hideReasonSchema });
export const reviewItemsSchema = z.object({ items: itemsSchema });

export const blockJustificationSchema = text()
  .trim()
  .min(10, { message: validationMessage("validation.moderation.justificationTooShort") })
  .max(1000, { message: validationMessage("validation.moderation.justificationTooLong") });

export const blockUsersSchema = z.object({
  userIds: z
    .array(idSchema)
    .min(1, { message: validationMessage("validation.moderation.selectAuthors") })
    .max(50),
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
