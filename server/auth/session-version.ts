import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema/identity";

/**
 * `users.session_version` is copied into the session token at sign-in; bumping it ends every
 * session the user holds. Plain database code, so domain modules (moderation, memberships) use it.
 */
export type SessionToken = { userId: string; sessionVersion: number };

/** The user id if the token's version is still the user's current one (one primary-key read). */
export async function currentSessionUserId(db: DbOrTx, session: SessionToken | null): Promise<string | null> {
  if (!session) return null;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, session.userId), eq(users.sessionVersion, session.sessionVersion)))
    .limit(1);
  return row?.id ?? null;
}

/** Ends every session of the user (sign-out, block, role revocation, password change). */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
