/** Inputs of the pending-invitation procedures (router and admin page; no server-only imports). */
import { z } from "zod";

export const revokeInvitationSchema = z.object({
  invitationId: z.uuid({ message: "Not a valid invitation id." }),
});
