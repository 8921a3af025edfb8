import { OIDC_REFUSALS, type OidcRefusal } from "./oidc-sign-in";

/**
 * next-auth's `?error=` codes of a provider sign-in, to the message shown on the sign-in page
 * (messages/<locale>/sso.json `errors`). The provider answering access_denied (the person cancelled,
 * or the provider refused them) and a failed exchange both read as "cancelled or refused": no
 * internals reach the page. Null for codes that are not single sign-on's (the password form's own).
 */
const PROVIDER_ERRORS = new Set([
  "OAuthSignin",
  "OAuthCallback",
  "OAuthAccountNotLinked",
  "OAuthCreateAccount",
  "Callback",
  "AccessDenied",
]);

export function ssoErrorMessageKey(code: string | null): `errors.${OidcRefusal | "cancelled"}` | null {
  if (!code) return null;
  if ((OIDC_REFUSALS as readonly string[]).includes(code)) return `errors.${code as OidcRefusal}`;
  return PROVIDER_ERRORS.has(code) ? "errors.cancelled" : null;
}
