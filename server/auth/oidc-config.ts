import { env } from "@/env";

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; name: string | null };

/** The provider's settings, or null when single sign-on is off (any of the three unset). */
export function oidcConfig(): OidcConfig | null {
  const issuer = env.OIDC_ISSUER;
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret, name: env.OIDC_NAME || null };
}
