import { flagContent } from "@/server/moderation/flags";
import { blockUsers, listBlockedUsers, moderateItems, unblockUser } from "@/server/moderation/moderation-actions";
import { listModerationQueue } from "@/server/moderation/moderation-queue";
import {
  blockedUsersSchema,
  blockUsersSchema,
  flagContentSchema,
  hideItemsSchema,
  moderationQueueSchema,
  reviewItemsSchema,
  unblockUserSchema,
} from "@/server/moderation/moderation-schemas";
import { authedProcedure, router } from "@/server/trpc/init";
import { globalProcedure } from "@/server/trpc/procedures";

/** `moderation:act` belongs to the technical expert group and admins, who work across all cities. */
const moderatorProcedure = globalProcedure("moderation:act");

export const moderationRouter = router({
  /** Anyone signed in who can see an item may flag it; the domain checks visibility. */
  flag: authedProcedure.input(flagContentSchema).mutation(({ ctx, input }) => flagContent(ctx.db, ctx.userId, input)),
  queue: moderatorProcedure.input(moderationQueueSchema).query(({ ctx, input }) => listModerationQueue(ctx.db, ctx.userId, input)),
  hide: moderatorProcedure.input(hideItemsSchema).mutation(({ ctx, input }) => moderateItems(ctx.db, ctx.userId, "hide", input)),
  restore: moderatorProcedure.input(reviewItemsSchema).mutation(({ ctx, input }) => moderateItems(ctx.db, ctx.userId, "restore", input)),
  dismiss: moderatorProcedure.input(reviewItemsSchema).mutation(({ ctx, input }) => moderateItems(ctx.db, ctx.userId, "dismiss", input)),
  block: moderatorProcedure.input(blockUsersSchema).mutation(({ ctx, input }) => blockUsers(ctx.db, ctx.userId, input)),
  unblock: moderatorProcedure.input(unblockUserSchema).mutation(({ ctx, input }) => unblockUser(ctx.db, ctx.userId, input)),
  blockedUsers: moderatorProcedure.input(blockedUsersSchema).query(({ ctx, input }) => listBlockedUsers(ctx.db, input)),
});
