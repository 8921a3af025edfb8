import { z } from "zod";
import { acceptInvitationSchema, signUpSchema } from "@/server/accounts/account-schemas";
import { signUpCitizen } from "@/server/accounts/sign-up";
import { acceptInvitation, findOpenInvitation } from "@/server/members/invitations";
import { loadViewer } from "@/server/members/memberships";
import { authedProcedure, publicProcedure, router } from "@/server/trpc/init";
import { text } from "@/server/validation/text-schemas";

export const accountsRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(({ ctx, input }) => signUpCitizen(ctx.db, input)),
  /** Shows whom an invitation is for before the invitee sets a password. */
  invitation: publicProcedure.input(z.object({ token: text().min(1).max(200) })).query(async ({ ctx, input }) => {
    const invitation = await findOpenInvitation(ctx.db, input.token);
    return invitation ? { email: invitation.email, role: invitation.role, cityId: invitation.cityId } : null;
  }),
  acceptInvitation: publicProcedure.input(acceptInvitationSchema).mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
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
