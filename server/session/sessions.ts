import { decode } from "next-auth/jwt";
import { env } from "@/env";
import type { SessionToken } from "@/server/auth/session-version";

/**
 * Sessions are next-auth JWTs holding the user id (`sub`) and the user's session version at sign-in
 * (`sv`). Bumping `users.session_version` ends every session the user holds: each request compares
 * the two in a read it makes anyway (the viewer, or the context's check).
 */

/** One name per deployment: the `__Secure-` name only when the site is served over https. */
export function sessionCookieName(nextAuthUrl = env.NEXTAUTH_URL ?? ""): string {
  return nextAuthUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** Signature, encryption and expiry checked by next-auth's own decoder; null for anything else. */
export async function decodeSessionToken(token: string | undefined, secret: string): Promise<SessionToken | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    if (typeof payload?.sub !== "string" || typeof payload.sv !== "number") return null;
    return { userId: payload.sub, sessionVersion: payload.sv };
  } catch {
    return null;
  }
}
