import { z } from "zod";
import { env } from "@/env";
import { acceptInvitationSchema, resetPasswordSchema, signUpSchema } from "@/server/accounts/account-schemas";
import { isAccountTokenUsable } from "@/server/accounts/account-tokens";
import { verifyEmail } from "@/server/accounts/email-verification";
import { requestPasswordReset, resetPassword } from "@/server/accounts/password-reset";
import { accountTokenSchema, requestPasswordResetSchema } from "@/server/accounts/password-reset-schemas";
import { signUpCitizen } from "@/server/accounts/sign-up";
import { acceptInvitation, findOpenInvitation } from "@/server/members/invitations";
import { loadViewer } from "@/server/members/memberships";
import { authedProcedure, publicProcedure, router } from "@/server/trpc/init";
import { text } from "@/server/validation/text-schemas";

export const accountsRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => signUpCitizen(ctx.db, input, ctx.locale ?? "en")),
  /** Shows whom an invitation is for before the invitee sets a password. */
  invitation: publicProcedure.input(z.object({ token: text().min(1).max(200) })).query(async ({ ctx, input }) => {
    const invitation = await findOpenInvitation(ctx.db, input.token);
    return invitation ? { email: invitation.email, role: invitation.role, cityId: invitation.cityId } : null;
  }),
  acceptInvitation: publicProcedure.input(acceptInvitationSchema).mutation(({ ctx, input }) => acceptInvitation(ctx.db, input, ctx.locale)),
  /** "Forgot password": the same answer whether or not the address has an account; rate limited. */
  requestPasswordReset: publicProcedure.input(requestPasswordResetSchema).mutation(({ ctx, input }) =>
    requestPasswordReset(ctx.db, {
      email: input.email,
      locale: ctx.locale ?? "en",
      clientAddress: ctx.clientIp ?? "unknown",
      rateLimited: !env.RATE_LIMIT_DISABLED,
    }),
  ),
  /** Whether a reset link is still usable (the page shows its form or "ask for a new link"). */
  resetTokenValid: publicProcedure
    .input(accountTokenSchema)
    .query(({ ctx, input }) => isAccountTokenUsable(ctx.db, input.token, "password_reset")),
  resetPassword: publicProcedure.input(resetPasswordSchema).mutation(({ ctx, input }) => resetPassword(ctx.db, input)),
  verifyEmail: publicProcedure.input(accountTokenSchema).mutation(({ ctx, input }) => verifyEmail(ctx.db, input.token)),
  me: authedProcedure.query(({ ctx }) => loadViewer(ctx.db, ctx.userId)),
  /**
   * Who is signed in, or null: what the header island shows (name, the links the roles open).
   * Public, so pages that are the same for everyone can ask from the browser.
   */
  headerViewer: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.userId) return null;
    const viewer = await loadViewer(ctx.db, ctx.userId);
    return viewer
      ? { name: viewer.name, globalRole: viewer.globalRole, memberships: viewer.memberships.map((m) => ({ role: m.role })) }
      : null;
  }),
});
