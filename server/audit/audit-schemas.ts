import { z } from "zod";
import { text } from "@/server/validation/text-schemas";

export const TIMELINE_PAGE_SIZE = 30;

export const timelinePageSchema = z.object({
  /** The `nextCursor` of the previous page. */
  cursor: text().max(30).nullish(),
  limit: z.number().int().min(1).max(100).default(TIMELINE_PAGE_SIZE),
});

/** What the open data API publishes and outsiders save: a city's signed checkpoints and keys. */
export const publishedCheckpointsSchema = z.object({
  cityId: z.string(),
  citySlug: z.string(),
  publicKeys: z
    .array(z.object({ keyId: z.string(), algorithm: z.literal("Ed25519"), publicKeyPem: z.string() }))
    .describe("Every key that signed one of the checkpoints (SPKI PEM). Compare it with the key you pinned earlier."),
  checkpoints: z
    .array(
      z.object({
        id: z.number().int(),
        takenAt: z.string(),
        reason: z.enum(["publication", "daily"]),
        keyId: z.string(),
        statement: z
          .string()
          .describe(
            "The exact signed text: canonical JSON (keys sorted) with format, cityId, citySlug, takenAt, reason, keyId and chains [{chainKey, headId, headHash, count, sinceId, events [{id, hash}]}].",
          ),
        signature: z.string().describe("Base64 Ed25519 signature of the statement's UTF-8 bytes."),
      }),
    )
    .describe("Oldest first. Save the whole answer: `npm run audit:verify -- --checkpoints <file>` checks the database against it."),
});
