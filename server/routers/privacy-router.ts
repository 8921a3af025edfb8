import { eraseRequestNow } from "@/server/privacy/erasure";
import {
  cancelErasure,
  erasureStatus,
  listErasureRequests,
  readPrivacySettings,
  requestErasure,
  savePrivacySettings,
} from "@/server/privacy/privacy-data";
import { erasureRequestIdSchema, privacySettingsSchema } from "@/server/privacy/privacy-schemas";
import { authedProcedure, publicProcedure, router } from "@/server/trpc/init";
import { globalProcedure } from "@/server/trpc/procedures";

/** Privacy rights: the person's own deletion request, and the admin's retention settings. */
export const privacyRouter = router({
  settings: publicProcedure.query(({ ctx }) => readPrivacySettings(ctx.db)),
  status: authedProcedure.query(({ ctx }) => erasureStatus(ctx.db, ctx.userId)),
  requestErasure: authedProcedure.mutation(({ ctx }) => requestErasure(ctx.db, ctx.userId)),
  cancelErasure: authedProcedure.mutation(({ ctx }) => cancelErasure(ctx.db, ctx.userId)),
  saveSettings: globalProcedure("privacy:manage")
    .input(privacySettingsSchema)
    .mutation(({ ctx, input }) => savePrivacySettings(ctx.db, ctx.actor, input)),
  erasureRequests: globalProcedure("privacy:manage").query(({ ctx }) => listErasureRequests(ctx.db)),
  eraseNow: globalProcedure("privacy:manage")
    .input(erasureRequestIdSchema)
    .mutation(async ({ ctx, input }) => {
      const { userId } = await eraseRequestNow(ctx.db, ctx.actor, input.requestId);
      return { userId };
    }),
});
