import { validationKeyOf, validationMessage } from "@/server/validation/validation-messages";

/**
 * The password rules' limits and messages, without the strength estimator, so client forms can
 * import them without shipping zxcvbn's dictionaries. The messages are `auth.passwordPolicy.<code>`
 * keys made through validationMessage, so they are translated like every other validation message.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordPolicyCode = "tooShort" | "tooLong" | "blank" | "tooWeak";

const CODES: readonly PasswordPolicyCode[] = ["tooShort", "tooLong", "blank", "tooWeak"];
const KEY_PREFIX = "auth.passwordPolicy.";

export const PASSWORD_POLICY_MESSAGES = Object.fromEntries(
  CODES.map((code) => [code, validationMessage(`${KEY_PREFIX}${code}`)]),
) as Record<PasswordPolicyCode, string>;

/** Which rule a message stands for (null for any other message). */
export function passwordPolicyCodeOf(message: string | undefined): PasswordPolicyCode | null {
  const key = validationKeyOf(message)?.key;
  const code = key?.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : null;
  return CODES.find((c) => c === code) ?? null;
}

/** The checks that need no dictionary (client forms run these before sending). */
export function basicPasswordIssues(password: string): PasswordPolicyCode[] {
  const length = [...password].length;
  if (length > PASSWORD_MAX_LENGTH) return ["tooLong"];
  if (password.trim() === "") return ["blank"];
  if (length < PASSWORD_MIN_LENGTH) return ["tooShort"];
  return [];
}
