import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema/identity";
import { DomainError } from "@/server/errors/domain-error";
import { type CityAccess, resolveCityRole, type SessionCheck, userWhere } from "./city-role";
import { type Action, can, effectiveRole, isPublicAction, PERMISSIONS, type Role } from "./permissions";

/**
 * The one authorization decision: "is this caller a member of this city with this right". The tRPC
 * procedure builders, the REST routes and domain code (comment threads) all call it; it throws a
 * DomainError, which the tRPC middleware and the REST layer each map to their own status.
 *
 * - no session: UNAUTHORIZED;
 * - signed in but not a member, on a private action: NOT_FOUND (we do not reveal that it exists);
 * - a member (or a public action) without the right: FORBIDDEN.
 */

/** Who is acting and with which role in the city (or globally) the action concerns. */
export type Actor = { userId: string; role: Role };

/** The caller's access in a city; null for anonymous callers. A session whose user is gone is UNAUTHORIZED. */
export async function cityAccessOf(
  db: DbOrTx,
  userId: string | null,
  cityId: string,
  session: SessionCheck = {},
): Promise<CityAccess | null> {
  if (!userId) return null;
  const access = await resolveCityRole(db, userId, cityId, session);
  if (!access) throw new DomainError("UNAUTHORIZED", "Please sign in again.");
  return access;
}

/** The standard refusal of `action` to a caller with this access (null: anonymous). */
export function refusalFor(access: CityAccess | null, action: Action): DomainError {
  if (!access) return new DomainError("UNAUTHORIZED", "Please sign in.");
  if (!access.isMember && !isPublicAction(action)) return new DomainError("NOT_FOUND", "Not found.");
  return new DomainError("FORBIDDEN", `Your role (${access.role}) may not ${action}.`);
}

/** Member of this city with this right: returns the actor, or throws the standard refusal. */
export async function authorizeInCity(
  db: DbOrTx,
  userId: string | null,
  cityId: string,
  action: Action,
  session: SessionCheck = {},
): Promise<Actor> {
  const access = await cityAccessOf(db, userId, cityId, session);
  return decideInCity(userId, access, action);
}

/**
 * The decision of `authorizeInCity` on access already read (a builder that loads the resource and
 * the caller's access in one query): null access for an anonymous caller, `"ended"` when the
 * caller's user row is gone or the session version no longer matches.
 */
export function decideInCity(userId: string | null, access: CityAccess | null | "ended", action: Action): Actor {
  if (access === "ended") throw new DomainError("UNAUTHORIZED", "Please sign in again.");
  if (!userId || !access || !can(access.role, action)) throw refusalFor(userId ? access : null, action);
  return { userId, role: access.role };
}

/**
 * Cross-city actions (creating cities, the review queue, moderation): decided on the caller's global
 * role alone (expert, admin), through the same permission table. Nothing private is named, so a
 * caller without the right is FORBIDDEN, never NOT_FOUND.
 */
export async function authorizeGlobally(db: DbOrTx, userId: string | null, action: Action, session: SessionCheck = {}): Promise<Actor> {
  if (!userId) throw new DomainError("UNAUTHORIZED", "Please sign in.");
  const [user] = await db.select({ globalRole: users.globalRole }).from(users).where(userWhere(userId, session)).limit(1);
  if (!user) throw new DomainError("UNAUTHORIZED", "Please sign in again.");
  const role = effectiveRole(user.globalRole ?? null, null);
  if (!can(role, action)) {
    throw new DomainError("FORBIDDEN", `Only the ${PERMISSIONS[action].roles.join(" or ")} role may do this.`);
  }
  return { userId, role };
}
