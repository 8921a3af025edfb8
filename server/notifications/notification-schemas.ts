import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";

export const NOTIFICATION_PAGE_SIZE = 20;

export const listNotificationsSchema = z.object({
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(NOTIFICATION_PAGE_SIZE),
  unreadOnly: z.boolean().default(false),
});

export const markNotificationsReadSchema = z.object({
  ids: z
    .array(z.uuid({ message: validationMessage("validation.invalidId") }))
    .min(1, { message: validationMessage("validation.notification.atLeastOne") })
    .max(100),
});
