import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Db } from "@/db/client";
import { OIDC_REFUSALS, signInWithOidc } from "@/server/accounts/oidc-sign-in";
import type { OidcConfig } from "@/server/auth/oidc-config";
import { reportUnexpectedError } from "@/server/errors/report-error";

type IdTokenClaims = { iss?: string; sub: string; email?: string; email_verified?: boolean | string; name?: string };

/**
 * What the provider's `profile()` hands next-auth: the app's user (its id becomes the token's `sub`,
 * its session version the token's `sv`, exactly as for password sign-in), or a refusal code that
 * the signIn callback turns into `/sign-in?error=<code>`.
 */
export type OidcProfileUser = { id: string; name: string; email: string; sessionVersion: number; refusal?: string };

/** next-auth (v4) OpenID Connect provider: authorization code flow with PKCE and state, ID token checked. */
export function oidcProvider(config: OidcConfig, getDb: () => Promise<Db>): OAuthConfig<IdTokenClaims> {
  return {
    id: "oidc",
    name: config.name ?? "city account",
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    async profile(claims): Promise<OidcProfileUser> {
      try {
        const result = await signInWithOidc(await getDb(), {
          issuer: claims.iss ?? config.issuer,
          subject: claims.sub,
          email: claims.email,
          emailVerified: claims.email_verified === true || claims.email_verified === "true",
          name: claims.name,
        });
        // next-auth drops a profile without an id: a refusal carries a placeholder one, and the
        // signIn callback turns it away before any session is made.
        if ("refused" in result) return refusedProfile(result.refused);
        return { ...result.user };
      } catch (error) {
        reportUnexpectedError(error, "sso-sign-in");
        return refusedProfile("SignInUnavailable");
      }
    },
  };
}

function refusedProfile(refusal: string): OidcProfileUser {
  return { id: `refused:${refusal}`, name: "", email: "", sessionVersion: 0, refusal };
}

/** The signIn callback's answer for a provider sign-in: true, or the sign-in page with the refusal's code. */
export function oidcSignInVerdict(user: object): true | string {
  const refusal = (user as { refusal?: string }).refusal;
  if (!refusal) return true;
  const code = (OIDC_REFUSALS as readonly string[]).includes(refusal) ? refusal : "SignInUnavailable";
  return `/sign-in?error=${code}`;
}
