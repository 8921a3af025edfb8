import type { z } from "zod";
import { acceptInvitationFormSchema, signUpFormSchema } from "./account-form-schemas";
import { passwordPolicyIssues } from "./password-policy";
import { basicPasswordIssues, PASSWORD_POLICY_MESSAGES } from "./password-policy-messages";
import { resetPasswordFormSchema } from "./password-reset-schemas";

/** Kept here for existing importers (server/members/member-schemas.ts); defined in account-form-schemas.ts. */
export { emailSchema } from "./account-form-schemas";

/** The full password policy on `password`, with the person's own email and name as known guesses. */
function enforcePasswordPolicy(value: { password: string; email?: string; name?: string }, ctx: z.core.$RefinementCtx) {
  if (basicPasswordIssues(value.password).length > 0) return; // already reported on the field
  const inputs = [value.email, value.name].filter((s): s is string => Boolean(s));
  for (const code of passwordPolicyIssues(value.password, inputs)) {
    ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_POLICY_MESSAGES[code] });
  }
}

export const signUpSchema = signUpFormSchema.superRefine(enforcePasswordPolicy);
export type SignUpInput = z.infer<typeof signUpSchema>;

export const acceptInvitationSchema = acceptInvitationFormSchema.superRefine(enforcePasswordPolicy);

export const resetPasswordSchema = resetPasswordFormSchema.superRefine(enforcePasswordPolicy);
