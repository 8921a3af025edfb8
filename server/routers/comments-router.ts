import { commentIdSchema, editCommentSchema, listThreadSchema, postCommentSchema } from "@/server/comments/comment-schemas";
import { deleteComment, editComment, listThread, postComment } from "@/server/comments/comment-threads";
import { authedProcedure, publicProcedure, router } from "@/server/trpc/init";

/**
 * Threads on an assessment, a characteristic or a piece of evidence. Access depends on the thread
 * (internal vs public, the assessment's status, open consultations, the evidence's audience), so
 * the domain functions resolve the thread first and authorise against it; anonymous visitors may
 * read public threads.
 */
export const commentsRouter = router({
  list: publicProcedure.input(listThreadSchema).query(({ ctx, input }) => listThread(ctx.db, ctx.userId, input)),
  post: authedProcedure.input(postCommentSchema).mutation(({ ctx, input }) => postComment(ctx.db, ctx.userId, input)),
  edit: authedProcedure.input(editCommentSchema).mutation(({ ctx, input }) => editComment(ctx.db, ctx.userId, input)),
  delete: authedProcedure.input(commentIdSchema).mutation(({ ctx, input }) => deleteComment(ctx.db, ctx.userId, input)),
});
