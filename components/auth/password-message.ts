"use client";

import { useTranslations } from "next-intl";
import { passwordPolicyCodeOf } from "@/server/accounts/password-policy-messages";

/** A password rule's message (from the client check or the server) in the reader's language. */
export function usePasswordMessage(): (message: string | undefined) => string | undefined {
  const t = useTranslations("auth.passwordPolicy");
  return (message) => {
    const code = passwordPolicyCodeOf(message);
    return code ? t(code) : message;
  };
}
