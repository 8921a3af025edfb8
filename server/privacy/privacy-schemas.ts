import { z } from "zod";

export const COMMENT_RETENTION = ["anonymise", "remove"] as const;
export type CommentRetention = (typeof COMMENT_RETENTION)[number];

export const privacySettingsSchema = z.object({
  commentRetention: z.enum(COMMENT_RETENTION),
  graceDays: z.number().int().min(1).max(90),
});
export type PrivacySettingsInput = z.infer<typeof privacySettingsSchema>;

export const erasureRequestIdSchema = z.object({ requestId: z.uuid() });
