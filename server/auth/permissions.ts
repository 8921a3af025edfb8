/**
 * The pure permission table: who may do what inside one city (or, for the cross-city actions marked
 * below, with a global role). `server/auth/authorize.ts` consults it for the tRPC procedure builders,
 * the REST routes and domain code; nothing else decides access. Resource-level rules (own evidence,
 * the characteristics partners may touch) live in the domain functions on top of it. Every row is
 * consulted somewhere: a row nothing reads is removed, not kept "for later".
 */

import type { CityRole, GlobalRole } from "@/shared/domain-values";

/** `signed_in`: a signed-in user with no role in the city in question. */
export const ROLES = ["signed_in", "citizen", "partner", "department", "leadership", "expert", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A lower rank can never act on a higher one (moderation, blocking, membership changes). */
export const ROLE_RANK: Record<Role, number> = {
  signed_in: 0,
  citizen: 1,
  partner: 2,
  department: 3,
  leadership: 4,
  expert: 5,
  admin: 6,
};

const ALL: readonly Role[] = ROLES;
const CONTRIBUTORS_AND_UP: readonly Role[] = ["partner", "department", "leadership", "expert", "admin"];

/**
 * Every action and the roles that may perform it. `public` actions are open to signed-in users who
 * hold no role in the city; for the others such a user is told the resource does not exist.
 */
export const PERMISSIONS = {
  // Cross-city actions: decided on the global role alone (authorizeGlobally).
  "city:manage": { roles: ["admin"], public: false },
  "review:queue": { roles: ["expert"], public: false },
  "assessment:list_all": { roles: ["expert", "admin"], public: false },
  "moderation:act": { roles: ["expert", "admin"], public: false },
  // Actions inside one city (authorizeInCity).
  "member:list": { roles: ["leadership", "admin"], public: false },
  "member:invite": { roles: ["admin"], public: false },
  "member:revoke": { roles: ["admin"], public: false },
  "mail:manage": { roles: ["admin"], public: false },
  "privacy:manage": { roles: ["admin"], public: false },
  "assessment:read": { roles: CONTRIBUTORS_AND_UP, public: false },
  "assessment:open": { roles: ["leadership", "admin"], public: false },
  "assessment:timeline": { roles: ["leadership", "expert", "admin"], public: false },
  "assessment:submit_for_review": { roles: ["leadership", "expert", "admin"], public: false },
  "assessment:mark_rated": { roles: ["expert"], public: false },
  "assessment:return_to_draft": { roles: ["leadership", "expert"], public: false },
  "assessment:approve": { roles: ["leadership"], public: false },
  "assessment:withdraw_approval": { roles: ["leadership"], public: false },
  "assessment:publish": { roles: ["leadership"], public: false },
  "assessment:unpublish": { roles: ["admin"], public: false },
  "assessment:start_next_cycle": { roles: ["leadership", "admin"], public: false },
  "evidence:submit": { roles: ["department", "partner"], public: false },
  "evidence:read_all": { roles: ["department", "leadership", "expert", "admin"], public: false },
  "evidence:read_accepted": { roles: CONTRIBUTORS_AND_UP, public: false },
  "evidence:review": { roles: ["expert"], public: false },
  "judgement:write": { roles: ["expert"], public: false },
  "rating:write": { roles: ["expert"], public: false },
  "comment:read_internal": { roles: CONTRIBUTORS_AND_UP, public: false },
  "comment:write_internal": { roles: CONTRIBUTORS_AND_UP, public: false },
  "comment:write_public": { roles: ALL, public: true },
  "consultation:open": { roles: ["leadership"], public: false },
  "feedback:submit": { roles: ALL, public: true },
  "feedback:support": { roles: ALL, public: true },
  "feedback:summary": { roles: ["leadership", "expert", "admin"], public: false },
  "city:set_population": { roles: ["leadership", "admin"], public: false },
  "good_practice:find": { roles: ["department", "leadership", "expert", "admin"], public: false },
  "good_practice:contact": { roles: ["department", "leadership"], public: false },
  "good_practice:inbox": { roles: ["leadership"], public: false },
  "plan:read": { roles: ["department", "leadership", "admin"], public: false },
  "plan:read_published": { roles: ALL, public: true },
  "plan:write": { roles: ["department", "leadership"], public: false },
  "plan:publish": { roles: ["leadership"], public: false },
  "kpi:read": { roles: ["department", "leadership", "expert", "admin"], public: false },
  "kpi:write": { roles: ["department", "leadership"], public: false },
  "kpi:measure": { roles: ["department", "leadership"], public: false },
} as const satisfies Record<string, { roles: readonly Role[]; public: boolean }>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role | null, action: Action): boolean {
  if (role === null) return false;
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

export function isPublicAction(action: Action): boolean {
  return PERMISSIONS[action].public;
}

/** The effective role in a city: the higher of the global role and the city membership. */
export function effectiveRole(globalRole: GlobalRole | null, cityRole: CityRole | null): Role {
  const candidates: Role[] = ["signed_in"];
  if (globalRole) candidates.push(globalRole);
  if (cityRole) candidates.push(cityRole);
  return candidates.reduce((best, r) => (ROLE_RANK[r] > ROLE_RANK[best] ? r : best));
}

/** For moderation and membership changes: the actor must outrank the target. */
export function outranks(actor: Role, target: Role): boolean {
  return ROLE_RANK[actor] > ROLE_RANK[target];
}
