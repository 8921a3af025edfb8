import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { can, effectiveRole } from "@/server/auth/permissions";

/**
 * What a searcher may see, as lists of city ids per permission (from `server/auth/permissions.ts`
 * and the evidence/comment rules), read fresh on every search. The query turns it into WHERE
 * conditions; nothing is filtered after the query.
 */
export type SearchScope = {
  userId: string | null;
  /** A global expert or admin: every city's evidence and internal discussions. */
  everywhere: boolean;
  /** `evidence:read_all` through a membership. */
  readAllCities: string[];
  /** `evidence:read_accepted` only (partners): their own evidence and what experts accepted. */
  readAcceptedCities: string[];
  /** `comment:read_internal`. */
  internalCities: string[];
};

export const ANONYMOUS_SCOPE: SearchScope = {
  userId: null,
  everywhere: false,
  readAllCities: [],
  readAcceptedCities: [],
  internalCities: [],
};

export async function loadSearchScope(db: DbOrTx, userId: string | null): Promise<SearchScope> {
  if (!userId) return ANONYMOUS_SCOPE;
  const rows = await db
    .select({ globalRole: users.globalRole, cityId: memberships.cityId, cityRole: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.revokedAt)))
    .where(eq(users.id, userId));
  const scope: SearchScope = { ...ANONYMOUS_SCOPE, userId, readAllCities: [], readAcceptedCities: [], internalCities: [] };
  const globalRole = rows[0]?.globalRole ?? null;
  const globalEffective = effectiveRole(globalRole, null);
  scope.everywhere = can(globalEffective, "evidence:read_all") && can(globalEffective, "comment:read_internal");
  for (const row of rows) {
    if (!row.cityId) continue;
    const role = effectiveRole(globalRole, row.cityRole ?? null);
    if (can(role, "evidence:read_all")) scope.readAllCities.push(row.cityId);
    else if (can(role, "evidence:read_accepted")) scope.readAcceptedCities.push(row.cityId);
    if (can(role, "comment:read_internal")) scope.internalCities.push(row.cityId);
  }
  return scope;
}

function inIds(column: SQL, ids: string[]): SQL {
  if (!ids.length) return sql`false`;
  return sql`${column} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

/**
 * The members' evidence rule (`canSeeEvidence`) as SQL on an evidence alias: read-all cities see
 * everything, partners their own and accepted evidence.
 */
export function memberEvidenceCondition(scope: SearchScope, alias: string): SQL {
  if (scope.everywhere) return sql`true`;
  const e = sql.raw(alias);
  const accepted = scope.readAcceptedCities.length
    ? sql`(${inIds(sql`${e}.city_id`, scope.readAcceptedCities)} and (${e}.author_id = ${scope.userId}::uuid or ${e}.status = 'accepted'))`
    : sql`false`;
  return sql`(${inIds(sql`${e}.city_id`, scope.readAllCities)} or ${accepted})`;
}

/**
 * Comments the searcher may read (`thread-access.ts` readRefusal): never deleted or moderated ones;
 * public threads on a published assessment or on what a consultation asks about; internal threads
 * for the city's contributors and up, and on evidence only if they may see that evidence.
 */
export function commentCondition(scope: SearchScope, alias: string, assessmentAlias: string): SQL {
  const c = sql.raw(alias);
  const a = sql.raw(assessmentAlias);
  const publicThread = sql`(${c}.visibility = 'public' and (${a}.status = 'published' or exists (
    select 1 from consultations k where k.assessment_id = ${c}.assessment_id
    and (${c}.target_type = 'assessment' or ${c}.target_key = any(k.characteristic_keys)))))`;
  const internalCity = scope.everywhere ? sql`true` : inIds(sql`${c}.city_id`, scope.internalCities);
  const internalThread = sql`(${c}.visibility = 'internal' and ${internalCity} and (${c}.evidence_id is null or exists (
    select 1 from evidence ce where ce.id = ${c}.evidence_id and ${memberEvidenceCondition(scope, "ce")})))`;
  return sql`(${c}.deleted_at is null and ${c}.moderation_state = 'ok' and (${publicThread} or ${internalThread}))`;
}
