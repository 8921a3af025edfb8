import { z } from "zod";
import { text } from "@/server/validation/text-schemas";

export const NOTIFICATION_PAGE_SIZE = 20;

export const listNotificationsSchema = z.object({
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(NOTIFICATION_PAGE_SIZE),
  unreadOnly: z.boolean().default(false),
});

export const markNotificationsReadSchema = z.object({
  ids: z.array(z.uuid({ message: "Must be a valid id." })).min(1, { message: "Name at least one notification." }).max(100),
});
