/**
 * The password rules' limits and messages, without the strength estimator, so client forms can
 * import them without shipping zxcvbn's dictionaries. The English text is the API's message; the
 * forms show `auth.passwordPolicy.<code>` from the message files instead (en, zh).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordPolicyCode = "tooShort" | "tooLong" | "blank" | "tooWeak";

export const PASSWORD_POLICY_MESSAGES: Record<PasswordPolicyCode, string> = {
  tooShort: `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `Password is too long (${PASSWORD_MAX_LENGTH} characters at most).`,
  blank: "Password cannot be only spaces.",
  tooWeak: "This password is too easy to guess. Add more unrelated words or characters.",
};

const CODE_BY_MESSAGE = new Map(Object.entries(PASSWORD_POLICY_MESSAGES).map(([code, message]) => [message, code as PasswordPolicyCode]));

/** For forms: which rule a server field message stands for, to show it in the reader's language. */
export function passwordPolicyCodeOf(message: string | undefined): PasswordPolicyCode | null {
  return message ? (CODE_BY_MESSAGE.get(message) ?? null) : null;
}

/** The checks that need no dictionary (client forms run these before sending). */
export function basicPasswordIssues(password: string): PasswordPolicyCode[] {
  const length = [...password].length;
  if (length > PASSWORD_MAX_LENGTH) return ["tooLong"];
  if (password.trim() === "") return ["blank"];
  if (length < PASSWORD_MIN_LENGTH) return ["tooShort"];
  return [];
}
