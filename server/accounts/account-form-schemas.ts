import { z } from "zod";
import { emailText, text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { basicPasswordIssues, PASSWORD_MAX_LENGTH, PASSWORD_POLICY_MESSAGES } from "./password-policy-messages";

/**
 * The account forms' schemas without the strength estimator (client bundles import these). The
 * server's schemas in account-schemas.ts extend them with the full password policy.
 */
export const emailSchema = emailText({ message: validationMessage("validation.email.invalid") })
  .trim()
  .toLowerCase()
  .max(254, { message: validationMessage("validation.email.tooLong") });

/** Length and "not only spaces"; the server adds the guessability check. */
export const basicPasswordSchema = text()
  .max(PASSWORD_MAX_LENGTH * 4, { message: PASSWORD_POLICY_MESSAGES.tooLong })
  .superRefine((password, ctx) => {
    for (const code of basicPasswordIssues(password)) ctx.addIssue({ code: "custom", message: PASSWORD_POLICY_MESSAGES[code] });
  });

export const personNameSchema = text()
  .trim()
  .min(1, { message: validationMessage("validation.personName.required") })
  .max(120, { message: validationMessage("validation.personName.tooLong", { max: 120 }) });

export const signUpFormSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  password: basicPasswordSchema,
  /** Optional: the city the citizen lives in; makes them a citizen member of it. */
  citySlug: text().trim().min(1).max(120).optional(),
});

export const acceptInvitationFormSchema = z.object({
  token: text()
    .min(20, { message: validationMessage("validation.invitationLinkIncomplete") })
    .max(200),
  name: personNameSchema,
  password: basicPasswordSchema,
});
