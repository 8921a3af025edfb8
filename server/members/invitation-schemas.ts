/** Inputs of the pending-invitation procedures (router and admin page; no server-only imports). */
import { z } from "zod";
import { validationMessage } from "@/server/validation/validation-messages";

export const revokeInvitationSchema = z.object({
  invitationId: z.uuid({ message: validationMessage("validation.member.invalidInvitationId") }),
});
