import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  can,
  effectiveRole,
  isPublicAction,
  outranks,
  PERMISSIONS,
  ROLES,
  type Role,
} from "@/server/auth/permissions";

/**
 * The table written out by hand a second time: a change to the permission table must be made here
 * too, deliberately. Rows: action → the roles that may perform it.
 */
const EXPECTED: Record<Action, Role[]> = {
  "city:manage": ["admin"],
  "review:queue": ["expert"],
  "assessment:list_all": ["expert", "admin"],
  "moderation:act": ["expert", "admin"],
  "member:list": ["leadership", "admin"],
  "member:invite": ["admin"],
  "member:revoke": ["admin"],
  "mail:manage": ["admin"],
  "privacy:manage": ["admin"],
  "assessment:read": ["partner", "department", "leadership", "expert", "admin"],
  "assessment:open": ["leadership", "admin"],
  "assessment:timeline": ["leadership", "expert", "admin"],
  "assessment:submit_for_review": ["leadership", "expert", "admin"],
  "assessment:mark_rated": ["expert"],
  "assessment:return_to_draft": ["leadership", "expert"],
  "assessment:approve": ["leadership"],
  "assessment:withdraw_approval": ["leadership"],
  "assessment:publish": ["leadership"],
  "assessment:unpublish": ["admin"],
  "assessment:start_next_cycle": ["leadership", "admin"],
  "evidence:submit": ["department", "partner"],
  "evidence:read_all": ["department", "leadership", "expert", "admin"],
  "evidence:read_accepted": ["partner", "department", "leadership", "expert", "admin"],
  "evidence:review": ["expert"],
  "judgement:write": ["expert"],
  "rating:write": ["expert"],
  "comment:read_internal": ["partner", "department", "leadership", "expert", "admin"],
  "comment:write_internal": ["partner", "department", "leadership", "expert", "admin"],
  "comment:write_public": [...ROLES],
  "consultation:open": ["leadership"],
  "feedback:submit": [...ROLES],
  "feedback:support": [...ROLES],
  "feedback:summary": ["leadership", "expert", "admin"],
  "city:set_population": ["leadership", "admin"],
  "good_practice:find": ["department", "leadership", "expert", "admin"],
  "good_practice:contact": ["department", "leadership"],
  "good_practice:inbox": ["leadership"],
  "plan:read": ["department", "leadership", "admin"],
  "plan:read_published": [...ROLES],
  "plan:write": ["department", "leadership"],
  "plan:publish": ["leadership"],
  "kpi:read": ["department", "leadership", "expert", "admin"],
  "kpi:write": ["department", "leadership"],
  "kpi:measure": ["department", "leadership"],
};

describe("permission table", () => {
  it("names exactly the actions the expectations list", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const action of Object.keys(EXPECTED) as Action[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[action].includes(role);
      it(`${allowed ? "allows" : "denies"} ${role} to ${action}`, () => {
        expect(can(role, action)).toBe(allowed);
      });
    }
  }

  it("denies every action to a caller with no role", () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
  });

  it("marks as public exactly the actions open to signed-in users without a city role", () => {
    for (const action of ACTIONS) {
      expect(isPublicAction(action)).toBe((PERMISSIONS[action].roles as readonly Role[]).includes("signed_in"));
    }
  });
});

describe("effective role", () => {
  it("takes the higher of the global role and the city membership", () => {
    expect(effectiveRole("expert", "citizen")).toBe("expert");
    expect(effectiveRole(null, "leadership")).toBe("leadership");
    expect(effectiveRole("admin", "department")).toBe("admin");
  });

  it("is signed_in for a user with no role anywhere relevant", () => {
    expect(effectiveRole(null, null)).toBe("signed_in");
  });
});

describe("lower role never acts on a higher one", () => {
  it("lets an expert act on a citizen but not on an admin or another expert", () => {
    expect(outranks("expert", "citizen")).toBe(true);
    expect(outranks("expert", "admin")).toBe(false);
    expect(outranks("expert", "expert")).toBe(false);
  });

  it("is a strict order over all roles", () => {
    for (const a of ROLES)
      for (const b of ROLES) {
        if (a === b) expect(outranks(a, b)).toBe(false);
        else expect(outranks(a, b)).toBe(!outranks(b, a));
      }
  });
});
