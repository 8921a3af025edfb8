import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { effectiveRole, type Role } from "./permissions";

export type CityAccess = { role: Role; isMember: boolean };

/**
 * Reads the caller's role in a city from the database on every request, so a revoked membership or
 * a changed global role takes effect at once (nothing is frozen into the session token).
 * One indexed query.
 */
export async function resolveCityRole(db: DbOrTx, userId: string, cityId: string): Promise<CityAccess | null> {
  const rows = await db
    .select({ globalRole: users.globalRole, cityRole: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.cityId, cityId), isNull(memberships.revokedAt)))
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const role = effectiveRole(row.globalRole ?? null, row.cityRole ?? null);
  return { role, isMember: role !== "signed_in" };
}
