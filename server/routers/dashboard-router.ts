import { getRoleHome } from "@/server/dashboard/role-home";
import { authedProcedure, router } from "@/server/trpc/init";

/** The signed-in viewer's own home page: only their roles, cities and items, so no further authorization. */
export const dashboardRouter = router({
  home: authedProcedure.query(({ ctx }) => getRoleHome(ctx.db, ctx.userId, ctx.locale)),
});
