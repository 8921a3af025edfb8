import { z } from "zod";
import { emailSchema } from "@/server/accounts/account-schemas";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { CITY_ROLES } from "@/shared/domain-values";

// Shared by the router and the client form: no server-only imports here.
export const inviteMemberSchema = z
  .object({
    email: emailSchema,
    role: z.enum(CITY_ROLES, { message: validationMessage("validation.member.role") }),
    departmentName: text().trim().max(120).optional(),
    organisation: text().trim().max(160).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "department" && !v.departmentName) {
      ctx.addIssue({ code: "custom", path: ["departmentName"], message: validationMessage("validation.member.departmentRequired") });
    }
    if (v.role === "partner" && !v.organisation) {
      ctx.addIssue({ code: "custom", path: ["organisation"], message: validationMessage("validation.partnerOrganisationRequired") });
    }
  });
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;
