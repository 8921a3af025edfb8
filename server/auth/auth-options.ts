import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/app-db";
import { authenticateWithPassword } from "@/server/accounts/sign-up";
import { resolveAuthSecret } from "./auth-secret";

process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;

let cachedOptions: NextAuthOptions | undefined;

/** Built lazily: the secret may be read from the data folder, which must not happen at build time. */
export function getAuthOptions(): NextAuthOptions {
  cachedOptions ??= {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          const db = await getDb();
          return authenticateWithPassword(db, credentials.email, credentials.password);
        },
      }),
    ],
    callbacks: {
      // Only the user id travels in the token; roles are read from the database on each request.
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
  return cachedOptions;
}

export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(getAuthOptions());
  return (session?.user as { id?: string } | undefined)?.id ?? null;
}
