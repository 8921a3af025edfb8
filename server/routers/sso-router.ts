import { z } from "zod";
import { listSsoAccounts, setSsoRevoked } from "@/server/accounts/oidc-sign-in";
import { DomainError } from "@/server/errors/domain-error";
import { idSchema, router } from "@/server/trpc/init";
import { globalProcedure } from "@/server/trpc/procedures";

/** Single sign-on accounts (server/accounts/oidc-sign-in.ts): the admin's list (pending first) and revocation. */
export const ssoRouter = router({
  accounts: globalProcedure("city:manage").query(({ ctx }) => listSsoAccounts(ctx.db)),
  setRevoked: globalProcedure("city:manage")
    .input(z.object({ userId: idSchema, revoked: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (!(await setSsoRevoked(ctx.db, ctx.userId, input.userId, input.revoked))) {
        throw new DomainError("NOT_FOUND", "No single sign-on account for this user.");
      }
      return { userId: input.userId, revoked: input.revoked };
    }),
});
