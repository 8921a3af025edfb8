import { and, desc, eq, isNull, not, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { oidcAccounts } from "@/db/schema/sso";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { endAllSessions } from "@/server/auth/session-version";
import { isUniqueViolation } from "@/server/errors/domain-error";
import { saveMailSettings } from "@/server/mail/mail-settings";
import type { AuthenticatedUser } from "./sign-up";
import { findUserByEmail } from "./sign-up";

/**
 * Single sign-on for city staff through an OpenID Connect provider (docs/operations.md "Single
 * sign-on (OIDC)"). Plain database code: next-auth's provider (oidc-next-auth.ts) calls
 * `signInWithOidc` with the ID token's claims and turns a refusal into a sign-in error code.
 *
 * Linking rules, in order:
 * 1. A city account (issuer + subject) linked before signs in as its user, unless an administrator
 *    revoked it.
 * 2. First sign-in with an e-mail the provider says it VERIFIED (`email_verified: true`) that belongs
 *    to an existing user links to that user (docs/security.md: why only a verified address).
 * 3. Otherwise a new user is made, with no role at all: an administrator assigns one. An address that
 *    already belongs to a user but is not verified by the provider neither links nor takes it over:
 *    the sign-in is refused.
 */
export type OidcClaims = { issuer: string; subject: string; email?: string | null; emailVerified?: boolean | null; name?: string | null };

/** The codes a refused sign-in shows on the sign-in page (messages/<locale>/sso.json, `errors`). */
export const OIDC_REFUSALS = ["SsoRevoked", "SsoEmailNotVerified", "SsoNoEmail"] as const;
export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

export type OidcSignIn = { user: AuthenticatedUser; outcome: "signed_in" | "linked" | "created" } | { refused: OidcRefusal };

export async function signInWithOidc(db: Db, claims: OidcClaims, now = new Date()): Promise<OidcSignIn> {
  try {
    return await signInOnce(db, claims, now);
  } catch (error) {
    // Two first sign-ins of the same account at once: the unique index decides, the loser retries
    // and finds the link the winner made.
    if (!isUniqueViolation(error)) throw error;
    return signInOnce(db, claims, now);
  }
}

async function signInOnce(db: Db, claims: OidcClaims, now: Date): Promise<OidcSignIn> {
  const [linked] = await db
    .select({ linkId: oidcAccounts.id, revokedAt: oidcAccounts.revokedAt, user: users })
    .from(oidcAccounts)
    .innerJoin(users, eq(users.id, oidcAccounts.userId))
    .where(and(eq(oidcAccounts.issuer, claims.issuer), eq(oidcAccounts.subject, claims.subject)))
    .limit(1);
  if (linked) {
    if (linked.revokedAt) return { refused: "SsoRevoked" };
    await db.update(oidcAccounts).set({ lastSignInAt: now }).where(eq(oidcAccounts.id, linked.linkId));
    return { user: asAuthenticated(linked.user), outcome: "signed_in" };
  }
  const email = claims.email?.trim();
  if (!email || email.length > 254) return { refused: "SsoNoEmail" };
  const verified = claims.emailVerified === true;
  const existing = await findUserByEmail(db, email);
  if (existing) {
    if (!verified) return { refused: "SsoEmailNotVerified" };
    await db.transaction(async (tx) => {
      await tx.insert(oidcAccounts).values({ userId: existing.id, issuer: claims.issuer, subject: claims.subject, lastSignInAt: now });
      await recordAuditEvent(tx, {
        actorId: existing.id,
        actorRole: null,
        action: "account.sso_link",
        entityType: "user",
        entityId: existing.id,
        cityId: null,
        after: { issuer: claims.issuer },
      });
    });
    return { user: asAuthenticated(existing), outcome: "linked" };
  }
  const name = (claims.name?.trim() || email.split("@")[0]).slice(0, 200);
  const created = await db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email, name }).returning();
    await tx.insert(oidcAccounts).values({ userId: user.id, issuer: claims.issuer, subject: claims.subject, lastSignInAt: now });
    // No notification mail to an address the provider did not vouch for.
    if (!verified) await saveMailSettings(tx, user.id, { unverified: true });
    await recordAuditEvent(tx, {
      actorId: user.id,
      actorRole: null,
      action: "account.sso_create",
      entityType: "user",
      entityId: user.id,
      cityId: null,
      // Ids only: the name and e-mail live in `users` (docs/security.md).
      after: { issuer: claims.issuer },
    });
    return user;
  });
  return { user: asAuthenticated(created), outcome: "created" };
}

function asAuthenticated(user: typeof users.$inferSelect): AuthenticatedUser {
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

const hasRole = sql`(${users.globalRole} is not null or exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.revokedAt} is null))`;

export type SsoAccountRow = {
  userId: string;
  email: string;
  name: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  revokedAt: Date | null;
  pending: boolean;
};

/**
 * Users who signed in through the provider, pending ones (no role yet: waiting for an administrator)
 * first, newest first. At most 200 (the admin page is a work list, not an archive).
 */
export async function listSsoAccounts(db: Db): Promise<SsoAccountRow[]> {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      createdAt: oidcAccounts.createdAt,
      lastSignInAt: oidcAccounts.lastSignInAt,
      revokedAt: oidcAccounts.revokedAt,
      pending: sql<boolean>`not (${hasRole})`,
    })
    .from(oidcAccounts)
    .innerJoin(users, eq(users.id, oidcAccounts.userId))
    .orderBy(sql`not (${hasRole}) desc`, desc(oidcAccounts.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, pending: Boolean(r.pending) }));
}

/** True when the user holds no role anywhere: the "waiting for an administrator" state. */
export async function isAwaitingRole(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), not(hasRole)))
    .limit(1);
  return Boolean(row);
}

/**
 * Revokes (or restores) single sign-on for a user: every provider account linked to them. Revoking
 * also ends their sessions at once. Returns false when the user has no linked account.
 */
export async function setSsoRevoked(db: Db, actorId: string, userId: string, revoked: boolean, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(oidcAccounts)
      .set(revoked ? { revokedAt: now, revokedBy: actorId } : { revokedAt: null, revokedBy: null })
      .where(and(eq(oidcAccounts.userId, userId), revoked ? isNull(oidcAccounts.revokedAt) : sql`true`))
      .returning({ id: oidcAccounts.id });
    const [any] = await tx.select({ id: oidcAccounts.id }).from(oidcAccounts).where(eq(oidcAccounts.userId, userId)).limit(1);
    if (!any) return false;
    if (revoked) await endAllSessions(tx, userId);
    if (changed.length > 0) {
      await recordAuditEvent(tx, {
        actorId,
        actorRole: "admin",
        action: revoked ? "account.sso_revoke" : "account.sso_restore",
        entityType: "user",
        entityId: userId,
        cityId: null,
        after: { revoked },
      });
    }
    return true;
  });
}
