import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { COMMENT_TARGET_TYPES, THREAD_VISIBILITIES } from "@/shared/domain-values";

// Shared by the router and the client forms: no server-only imports here.

export const COMMENT_MAX_LENGTH = 4000;

export const commentBodySchema = text({ message: validationMessage("validation.comment.required") })
  .trim()
  .min(1, { message: validationMessage("validation.comment.required") })
  .max(COMMENT_MAX_LENGTH, { message: validationMessage("validation.comment.tooLong", { max: String(COMMENT_MAX_LENGTH) }) });

/**
 * Names one thread. For `assessment` the key is the assessment id, for `characteristic` the
 * characteristic key, for `evidence` the evidence id. Without `visibility` the server picks:
 * evidence threads are internal; other threads are public once the assessment is published.
 */
export const threadRefSchema = z.object({
  assessmentId: z.uuid({ message: validationMessage("validation.invalidId") }),
  targetType: z.enum(COMMENT_TARGET_TYPES, { message: validationMessage("validation.comment.unknownThreadType") }),
  targetKey: text()
    .trim()
    .min(1, { message: validationMessage("validation.comment.threadKeyRequired") })
    .max(100),
  visibility: z.enum(THREAD_VISIBILITIES).optional(),
});
export type ThreadRef = z.infer<typeof threadRefSchema>;

export const listThreadSchema = threadRefSchema.extend({
  /** The id of the last top-level comment of the previous page. */
  cursor: z.uuid({ message: validationMessage("validation.invalidCursor") }).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The comment form: the thread is given by the component's props. */
export const commentFormSchema = z.object({ body: commentBodySchema });

export const postCommentSchema = threadRefSchema.extend({
  parentId: z.uuid({ message: validationMessage("validation.invalidId") }).nullish(),
  body: commentBodySchema,
});

export const editCommentSchema = z.object({
  commentId: z.uuid({ message: validationMessage("validation.invalidId") }),
  body: commentBodySchema,
});
export const commentIdSchema = z.object({ commentId: z.uuid({ message: validationMessage("validation.invalidId") }) });
