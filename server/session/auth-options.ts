import { cookies, headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cache } from "react";
import { getDb } from "@/db/app-db";
import { env } from "@/env";
import { oidcConfig } from "@/server/auth/oidc-config";
import { currentSessionUserId, endAllSessions, type SessionToken } from "@/server/auth/session-version";
import { reportUnexpectedError } from "@/server/errors/report-error";
import { clientAddressOf } from "@/server/http/client-address";
import { oidcProvider, oidcSignInVerdict } from "@/server/session/oidc-next-auth";
import { resolveAuthSecret } from "./auth-secret";
import { decodeSessionToken, sessionCookieName } from "./sessions";
import { authorizeCredentials } from "./sign-in";
import { rememberSignInLocale } from "./sign-in-locale";

process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`; // written: next-auth reads it

let cachedOptions: NextAuthOptions | undefined;

/** Built lazily: the secret may be read from the data folder, which must not happen at build time. */
export function getAuthOptions(): NextAuthOptions {
  const ssoConfig = oidcConfig();
  cachedOptions ??= {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
    // Secure cookie names exactly when the site is https, and the reader below uses the same name.
    useSecureCookies: sessionCookieName().startsWith("__Secure-"),
    // Sign-in errors (TooManyAttempts, SignInUnavailable) come back to the sign-in page, translated.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      // Single sign-on for city staff, when OIDC_* is set (server/accounts/oidc-sign-in.ts).
      ...(ssoConfig ? [oidcProvider(ssoConfig, getDb)] : []),
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const headers = new Headers();
          for (const [name, value] of Object.entries(req?.headers ?? {})) {
            if (typeof value === "string") headers.set(name, value);
          }
          return authorizeCredentials(getDb, credentials, clientAddressOf(headers));
        },
      }),
    ],
    callbacks: {
      // A provider sign-in the linking rules refused (revoked, unverified e-mail) goes back to the
      // sign-in page with its code; password sign-in decided already in `authorize`.
      signIn({ user, account }) {
        return account?.provider === "oidc" ? oidcSignInVerdict(user) : true;
      },
      // Only the user id and the session version travel in the token; roles are read from the
      // database on each request.
      jwt({ token, user }) {
        if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      // The language the person signs in from becomes their mail language (server/mail/mail-settings.ts).
      async signIn({ user }) {
        await rememberSignInLocale(getDb, user?.id, await headers());
      },
      // Sign-out ends the session on the server too: a copied cookie stops working at once. (It
      // ends the user's other sessions as well; one version per user is what makes it one read.)
      async signOut({ token }) {
        if (typeof token?.sub !== "string") return;
        try {
          await endAllSessions(await getDb(), token.sub);
        } catch (error) {
          reportUnexpectedError(error, "sign-out");
        }
      },
    },
  };
  return cachedOptions;
}

/** The session token from the request's cookie (decoded and verified; no database read). */
export const readSessionToken = cache(async (): Promise<SessionToken | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  return decodeSessionToken(token, getAuthOptions().secret!);
});

/**
 * The signed-in user's id: the JWT cookie decoded directly (next-auth's own decoder: signature,
 * encryption and expiry checked) instead of running next-auth's whole session handler, and no work
 * without a session cookie (bench/README.md). With a cookie, one primary-key read checks that the
 * token's session version is still current (not signed out, blocked or revoked since).
 */
export const getSessionUserId = cache(async (): Promise<string | null> => {
  const session = await readSessionToken();
  if (!session) return null;
  return currentSessionUserId(await getDb(), session);
});
