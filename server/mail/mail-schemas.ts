import { z } from "zod";
import { DIGEST_FREQUENCIES } from "./mail-settings-values";
import { MAIL_STATUSES } from "./mail-values";

// Shared by the router and the client components: no server-only imports here.
export const listMailSchema = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  before: z.coerce.date().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const mailIdSchema = z.object({ id: z.uuid() });
export const invitationMailStatusSchema = z.object({ cityId: z.uuid(), invitationId: z.uuid() });
export const updateMailSettingsSchema = z.object({
  digest: z.enum(DIGEST_FREQUENCIES),
  locale: z.enum(["en", "zh"]),
});
/** The site language the person just switched to (it becomes their mail language). */
export const rememberLocaleSchema = z.object({ locale: z.enum(["en", "zh"]) });
