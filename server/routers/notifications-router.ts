import { listNotificationsSchema, markNotificationsReadSchema } from "@/server/notifications/notification-schemas";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
} from "@/server/notifications/notifications";
import { authedProcedure, router } from "@/server/trpc/init";

/** The signed-in user's own in-app notifications; nobody sees or marks anyone else's. */
export const notificationsRouter = router({
  list: authedProcedure.input(listNotificationsSchema).query(({ ctx, input }) => listNotifications(ctx.db, ctx.userId, input)),
  unreadCount: authedProcedure.query(({ ctx }) => countUnreadNotifications(ctx.db, ctx.userId)),
  markRead: authedProcedure
    .input(markNotificationsReadSchema)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.userId, input.ids)),
  markAllRead: authedProcedure.mutation(({ ctx }) => markAllNotificationsRead(ctx.db, ctx.userId)),
});
