import { z } from "zod";
import { text } from "@/server/validation/text-schemas";

export const TIMELINE_PAGE_SIZE = 30;

export const timelinePageSchema = z.object({
  /** The `nextCursor` of the previous page. */
  cursor: text().max(30).nullish(),
  limit: z.number().int().min(1).max(100).default(TIMELINE_PAGE_SIZE),
});
