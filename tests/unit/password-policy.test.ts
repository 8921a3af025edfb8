import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acceptInvitationSchema, signUpSchema } from "@/server/accounts/account-schemas";
import { passwordPolicyIssues } from "@/server/accounts/password-policy";
import { PASSWORD_POLICY_MESSAGES, type PasswordPolicyCode, passwordPolicyCodeOf } from "@/server/accounts/password-policy-messages";

function messagesOf(locale: "en" | "zh"): Record<PasswordPolicyCode, string> {
  const file = path.join(process.cwd(), "messages", locale, "auth.json");
  return JSON.parse(fs.readFileSync(file, "utf8")).passwordPolicy;
}

describe("password policy", () => {
  it.each([
    ["ten spaces", " ".repeat(10), "blank"],
    ["tabs and spaces", " \t  \t    \t ", "blank"],
    ["a repeated letter", "aaaaaaaaaa", "tooWeak"],
    ["digits in order", "1234567890", "tooWeak"],
    ["a keyboard walk", "qwertyuiop", "tooWeak"],
    ["a common password with decoration", "Password2024!", "tooWeak"],
    ["too short", "x7#Kp2", "tooShort"],
    ["too long", "k".repeat(201), "tooLong"],
  ])("refuses %s", (_label, password, code) => {
    expect(passwordPolicyIssues(password)).toEqual([code]);
  });

  it.each(["kettle-marble-orbit-9", "correct horse battery staple", "long-enough-password", "Tr0ub4dor&3x-river"])(
    "accepts %s",
    (password) => {
      expect(passwordPolicyIssues(password)).toEqual([]);
    },
  );

  it("counts the person's own email and name as easy guesses", () => {
    const password = "Zorvelquintash";
    expect(passwordPolicyIssues(password)).toEqual([]);
    expect(passwordPolicyIssues(password, ["zorvel.quintash@example.test", "Zorvel Quintash"])).toEqual(["tooWeak"]);
  });

  it("is what the sign-up and invitation schemas enforce, with the rule's message on the password field", () => {
    const signUp = signUpSchema.safeParse({ email: "a@example.test", name: "A", password: "aaaaaaaaaa" });
    expect(signUp.success).toBe(false);
    expect(signUp.error!.issues).toEqual([expect.objectContaining({ path: ["password"], message: PASSWORD_POLICY_MESSAGES.tooWeak })]);
    const invite = acceptInvitationSchema.safeParse({ token: "t".repeat(30), name: "B", password: " ".repeat(10) });
    expect(invite.error!.issues.map((i) => i.message)).toEqual([PASSWORD_POLICY_MESSAGES.blank]);
    expect(signUpSchema.safeParse({ email: "a@example.test", name: "A", password: "kettle-marble-orbit-9" }).success).toBe(true);
  });

  it("has a translated message for every rule in English and Chinese, found from the server's message", () => {
    const en = messagesOf("en");
    const zh = messagesOf("zh");
    for (const [code, message] of Object.entries(PASSWORD_POLICY_MESSAGES) as [PasswordPolicyCode, string][]) {
      expect(passwordPolicyCodeOf(message)).toBe(code);
      expect(en[code]).toBe(message);
      expect(zh[code]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(passwordPolicyCodeOf("Something else.")).toBeNull();
  });
});
