import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { emailSchema } from "@/server/accounts/account-schemas";
import { CITY_ROLES } from "@/shared/domain-values";

// Shared by the router and the client form: no server-only imports here.
export const inviteMemberSchema = z
  .object({
    email: emailSchema,
    role: z.enum(CITY_ROLES, { message: "Choose a role." }),
    departmentName: text().trim().max(120).optional(),
    organisation: text().trim().max(160).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "department" && !v.departmentName) {
      ctx.addIssue({ code: "custom", path: ["departmentName"], message: "Name the department." });
    }
    if (v.role === "partner" && !v.organisation) {
      ctx.addIssue({ code: "custom", path: ["organisation"], message: "Name the partner organisation." });
    }
  });
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;
