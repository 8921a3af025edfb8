import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { CHARACTERISTIC_KEYS, REGIONS } from "@/shared/domain-values";

// Shared by the router and the contact dialog: no server-only imports here.

export const GOOD_PRACTICE_MESSAGE_MIN = 10;
export const GOOD_PRACTICE_MESSAGE_MAX = 2000;
/** Messages one person may send in an hour, to all cities together. */
export const GOOD_PRACTICE_MESSAGES_PER_HOUR = 5;
export const GOOD_PRACTICE_INBOX_PAGE_SIZE = 20;
/** Peers listed per roadmap step. */
export const GOOD_PRACTICE_PEERS_PER_STEP = 8;

export const goodPracticeFinderSchema = z.object({
  region: z.enum(REGIONS).nullish(),
});

export const goodPracticeMessageBodySchema = text({ message: validationMessage("validation.goodPractice.required") })
  .trim()
  .min(GOOD_PRACTICE_MESSAGE_MIN, {
    message: validationMessage("validation.goodPractice.bodyLength", { min: GOOD_PRACTICE_MESSAGE_MIN, max: GOOD_PRACTICE_MESSAGE_MAX }),
  })
  .max(GOOD_PRACTICE_MESSAGE_MAX, {
    message: validationMessage("validation.goodPractice.bodyLength", { min: GOOD_PRACTICE_MESSAGE_MIN, max: GOOD_PRACTICE_MESSAGE_MAX }),
  });

export const goodPracticeContactSchema = z.object({
  targetCityId: z.uuid({ message: validationMessage("validation.invalidId") }),
  characteristicKey: z.enum(CHARACTERISTIC_KEYS).nullish(),
  body: goodPracticeMessageBodySchema,
});
export type GoodPracticeContact = z.infer<typeof goodPracticeContactSchema>;

export const goodPracticeInboxSchema = z.object({
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(GOOD_PRACTICE_INBOX_PAGE_SIZE),
});
