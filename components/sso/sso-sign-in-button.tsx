"use client";

import { signIn } from "next-auth/react";
import { useLocale } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * "Sign in with your city account": next-auth's OpenID Connect sign-in (server/session/oidc-next-auth.ts).
 * Comes back through the welcome page, which tells someone without a role yet that they wait for an
 * administrator and sends everyone else on to `callbackUrl`. The label comes translated from the page
 * (the public pages hand the browser only a few message namespaces).
 */
export function SsoSignInButton({ text, callbackUrl }: { text: string; callbackUrl: string }) {
  const locale = useLocale();
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      className="w-full"
      disabled={pending}
      data-testid="sso-sign-in"
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl: `/${locale}/sign-in/welcome?next=${encodeURIComponent(callbackUrl)}` });
      }}
    >
      {text}
    </Button>
  );
}
