import { and, eq, isNull } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import type { CityRole, GlobalRole } from "@/shared/domain-values";
import { effectiveRole, type Role } from "./permissions";

export type CityAccess = { role: Role; isMember: boolean };

/**
 * The session token's version, when the caller's session has not been checked yet (tRPC requests):
 * the user's row must still carry it (not signed out, blocked or revoked since), and the check rides
 * on the role read the caller makes anyway instead of costing a read of its own.
 */
export type SessionCheck = { sessionVersion?: number };

/** The caller's user row, and (when given) only while the session version is still current. */
export function userWhere(userId: string, options: SessionCheck) {
  return options.sessionVersion === undefined
    ? eq(users.id, userId)
    : and(eq(users.id, userId), eq(users.sessionVersion, options.sessionVersion));
}

/**
 * Reads the caller's role in a city from the database on every request, so a revoked membership or
 * a changed global role takes effect at once (nothing is frozen into the session token).
 * One indexed query, which also checks the session version when `options.sessionVersion` is given
 * (null when the session ended: the caller answers UNAUTHORIZED).
 */
export async function resolveCityRole(db: DbOrTx, userId: string, cityId: string, options: SessionCheck = {}): Promise<CityAccess | null> {
  const rows = await db
    .select({ globalRole: users.globalRole, cityRole: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.cityId, cityId), isNull(memberships.revokedAt)))
    .where(userWhere(userId, options))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return cityAccessFrom(row.globalRole ?? null, row.cityRole ?? null);
}

/** The access a user's global role and live membership give in a city. */
export function cityAccessFrom(globalRole: GlobalRole | null, cityRole: CityRole | null): CityAccess {
  const role = effectiveRole(globalRole, cityRole);
  return { role, isMember: role !== "signed_in" };
}

/**
 * The caller's role columns, for a query that loads a resource and the caller's access to its city
 * in one statement (the procedure builders): left-join `users` on `callerJoin(...)` and
 * `memberships` on `membershipJoin(cityIdColumn)`; a null user id in the row means the user is gone
 * or the session ended.
 */
export function callerJoin(userId: string, options: SessionCheck) {
  return userWhere(userId, options);
}

export function membershipJoin(cityIdColumn: AnyPgColumn) {
  return and(eq(memberships.userId, users.id), eq(memberships.cityId, cityIdColumn), isNull(memberships.revokedAt));
}

export const callerAccessColumns = { callerId: users.id, globalRole: users.globalRole, cityRole: memberships.role };
