import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { COMMENT_TARGET_TYPES, THREAD_VISIBILITIES } from "@/shared/domain-values";

// Shared by the router and the client forms: no server-only imports here.


export const COMMENT_MAX_LENGTH = 4000;

export const commentBodySchema = text({ message: "Write a comment." })
  .trim()
  .min(1, { message: "Write a comment." })
  .max(COMMENT_MAX_LENGTH, { message: `Comments are at most ${COMMENT_MAX_LENGTH} characters.` });

/**
 * Names one thread. For `assessment` the key is the assessment id, for `characteristic` the
 * characteristic key, for `evidence` the evidence id. Without `visibility` the server picks:
 * evidence threads are internal; other threads are public once the assessment is published.
 */
export const threadRefSchema = z.object({
  assessmentId: z.uuid({ message: "Must be a valid id." }),
  targetType: z.enum(COMMENT_TARGET_TYPES, { message: "Unknown thread type." }),
  targetKey: text().trim().min(1, { message: "Name what the thread is about." }).max(100),
  visibility: z.enum(THREAD_VISIBILITIES).optional(),
});
export type ThreadRef = z.infer<typeof threadRefSchema>;

export const listThreadSchema = threadRefSchema.extend({
  /** The id of the last top-level comment of the previous page. */
  cursor: z.uuid({ message: "Invalid page cursor." }).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

/** The comment form: the thread is given by the component's props. */
export const commentFormSchema = z.object({ body: commentBodySchema });

export const postCommentSchema = threadRefSchema.extend({
  parentId: z.uuid({ message: "Must be a valid id." }).nullish(),
  body: commentBodySchema,
});

export const editCommentSchema = z.object({ commentId: z.uuid({ message: "Must be a valid id." }), body: commentBodySchema });
export const commentIdSchema = z.object({ commentId: z.uuid({ message: "Must be a valid id." }) });
