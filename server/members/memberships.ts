import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { effectiveRole, outranks, type Role } from "@/server/auth/permissions";
import { endAllSessions } from "@/server/auth/session-version";
import { DomainError } from "@/server/errors/domain-error";

export async function listCityMembers(db: Db, cityId: string) {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      departmentName: memberships.departmentName,
      organisation: memberships.organisation,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.cityId, cityId), isNull(memberships.revokedAt)))
    .orderBy(asc(memberships.role), asc(users.name));
}

export async function revokeMembership(
  db: Db,
  actor: { userId: string; role: Role },
  cityId: string,
  membershipId: string,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ membership: memberships, globalRole: users.globalRole })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.cityId, cityId), isNull(memberships.revokedAt)))
      .limit(1);
    if (!target) throw new DomainError("NOT_FOUND", "Membership not found.");
    const targetRole = effectiveRole(target.globalRole ?? null, target.membership.role);
    if (!outranks(actor.role, targetRole)) {
      throw new DomainError("FORBIDDEN", "You cannot revoke the membership of someone with an equal or higher role.");
    }
    await tx.update(memberships).set({ revokedAt: new Date() }).where(eq(memberships.id, membershipId));
    // Open sessions end too: pages and forms loaded under the old role must not keep working.
    await endAllSessions(tx, target.membership.userId);
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "member.revoke",
      entityType: "membership",
      entityId: membershipId,
      cityId,
      before: { role: target.membership.role, userId: target.membership.userId },
      reason,
    });
  });
}

/**
 * What the signed-in user is: global role and active memberships, for navigation and dashboards.
 * With `sessionVersion` (from the session token) the same read also checks that the session is
 * still current: a user signed out, blocked or revoked since gets null, as if signed out.
 */
export async function loadViewer(db: Db, userId: string, options: { sessionVersion?: number } = {}) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      globalRole: users.globalRole,
      postingBlockedAt: users.postingBlockedAt,
      postingBlockedReason: users.postingBlockedReason,
    })
    .from(users)
    .where(
      options.sessionVersion === undefined
        ? eq(users.id, userId)
        : and(eq(users.id, userId), eq(users.sessionVersion, options.sessionVersion)),
    )
    .limit(1);
  if (!user) return null;
  const cityMemberships = await db
    .select({
      cityId: cities.id,
      citySlug: cities.slug,
      cityName: cities.name,
      role: memberships.role,
      departmentName: memberships.departmentName,
      organisation: memberships.organisation,
    })
    .from(memberships)
    .innerJoin(cities, eq(cities.id, memberships.cityId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.revokedAt)))
    .orderBy(asc(cities.name));
  return { ...user, memberships: cityMemberships };
}
export type Viewer = NonNullable<Awaited<ReturnType<typeof loadViewer>>>;
