import type { TRPCError } from "@trpc/server";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { memberships, users } from "@/db/schema/identity";
import { PASSWORD_POLICY_MESSAGES, passwordPolicyCodeOf } from "@/server/accounts/password-policy-messages";
import { authenticateWithPassword } from "@/server/accounts/sign-up";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import {
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  makeCity,
  makeCityCast,
  makeMember,
  makeUser,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

async function userCount() {
  const [{ n }] = await h.db.select({ n: count() }).from(users);
  return n;
}

describe("sign-up", () => {
  it("creates a citizen account whose password signs in", async () => {
    const city = await makeCity(h.db);
    const answer = await callerFor(h.db, null).accounts.signUp({
      email: "New.Citizen@Example.test",
      name: "New Citizen",
      password: "long-enough-password",
      citySlug: city.slug,
    });
    expect(answer).toEqual({ status: "accepted" });
    const signedIn = await authenticateWithPassword(h.db, "new.citizen@example.test", "long-enough-password");
    const userId = signedIn!.id;
    expect(await authenticateWithPassword(h.db, "new.citizen@example.test", "wrong-password!!")).toBeNull();
    const [membership] = await h.db.select().from(memberships).where(eq(memberships.userId, userId));
    expect(membership.role).toBe("citizen");
    expect(membership.cityId).toBe(city.id);
  });

  it("rejects a bad email with a field message and writes nothing", async () => {
    const before = await userCount();
    const error = await expectTrpcError(
      callerFor(h.db, null).accounts.signUp({ email: "not-an-email", name: "X", password: "long-enough-password" }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("Enter a valid email address.");
    expect(await userCount()).toBe(before);
  });

  it("rejects a short password with a clear message and writes nothing", async () => {
    const before = await userCount();
    const error = await expectTrpcError(
      callerFor(h.db, null).accounts.signUp({ email: "short@example.test", name: "Short", password: "short" }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("Password must be at least 10 characters.");
    expect(await userCount()).toBe(before);
  });

  it.each([
    ["ten spaces", " ".repeat(10), "blank"],
    ["aaaaaaaaaa", "aaaaaaaaaa", "tooWeak"],
    ["a password made of the user's own name", "Zorvelquintash", "tooWeak"],
  ] as const)("refuses a weak password (%s) on the password field, translatable, and writes nothing", async (_label, password, code) => {
    const before = await userCount();
    const error = await expectTrpcError(
      callerFor(h.db, null).accounts.signUp({ email: "zorvel.quintash@example.test", name: "Zorvel Quintash", password }),
      "BAD_REQUEST",
    );
    // Cast kept: tRPC types `cause` as Error; for input errors it is the ZodError, whose issues we read.
    const fieldErrors = (error.cause as unknown as { issues: { path: string[]; message: string }[] }).issues;
    expect(fieldErrors).toEqual([expect.objectContaining({ path: ["password"], message: PASSWORD_POLICY_MESSAGES[code] })]);
    expect(passwordPolicyCodeOf(fieldErrors[0].message)).toBe(code);
    expect(await userCount()).toBe(before);
  });

  it("answers a sign-up for an existing email (any letter case) exactly like a new one, and changes nothing", async () => {
    const first = await callerFor(h.db, null).accounts.signUp({ email: "dup@example.test", name: "Dup", password: "long-enough-password" });
    const before = await userCount();
    const [original] = await h.db.select().from(users).where(eq(users.email, "dup@example.test"));
    const second = await callerFor(h.db, null).accounts.signUp({
      email: "DUP@example.test",
      name: "Dup 2",
      password: "another-long-password-9",
    });
    expect(second).toEqual(first);
    expect(await userCount()).toBe(before);
    const [after] = await h.db.select().from(users).where(eq(users.email, "dup@example.test"));
    expect(after).toEqual(original);
    expect(await authenticateWithPassword(h.db, "dup@example.test", "long-enough-password")).not.toBeNull();
    expect(await authenticateWithPassword(h.db, "dup@example.test", "another-long-password-9")).toBeNull();
  });

  it("refuses an unknown city without creating the account", async () => {
    const before = await userCount();
    await expectTrpcError(
      callerFor(h.db, null).accounts.signUp({
        email: "nocity@example.test",
        name: "N",
        password: "long-enough-password",
        citySlug: "atlantis",
      }),
      "BAD_REQUEST",
    );
    expect(await userCount()).toBe(before);
  });
});

describe("authorization", () => {
  it("answers an anonymous caller of a signed-in procedure with UNAUTHORIZED", async () => {
    await expectTrpcError(callerFor(h.db, null).accounts.me(), "UNAUTHORIZED");
  });

  it("forbids a citizen from calling an admin procedure", async () => {
    const city = await makeCity(h.db);
    const citizen = await makeMember(h.db, city.id, "citizen");
    await expectTrpcError(
      callerFor(h.db, citizen.id).cities.create({ name: "Forbidden City", country: "Xland", region: "other", approvalsRequired: 1 }),
      "FORBIDDEN",
    );
  });

  it("gives a member of city A NOT_FOUND for city B's private data", async () => {
    const cityA = await makeCity(h.db);
    const cityB = await makeCity(h.db);
    const leaderA = await makeMember(h.db, cityA.id, "leadership");
    await expectTrpcError(callerFor(h.db, leaderA.id).cities.members({ cityId: cityB.id }), "NOT_FOUND");
    const ownMembers = await callerFor(h.db, leaderA.id).cities.members({ cityId: cityA.id });
    expect(ownMembers.map((m) => m.userId)).toContain(leaderA.id);
  });

  it("stops honouring a revoked membership on the very next request", async () => {
    const city = await makeCity(h.db);
    const leader = await makeMember(h.db, city.id, "leadership");
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const caller = callerFor(h.db, leader.id);
    expect((await caller.cities.members({ cityId: city.id })).length).toBeGreaterThan(0);
    const [membership] = await h.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, leader.id), isNull(memberships.revokedAt)));
    await callerFor(h.db, admin.id).cities.revokeMember({ cityId: city.id, membershipId: membership.id, reason: "Left the office" });
    await expectTrpcError(caller.cities.members({ cityId: city.id }), "NOT_FOUND");
  });
});

describe("invitations", () => {
  it("lets an invitee set a password through the link and act in the city with the invited role", async () => {
    const city = await makeCity(h.db);
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const { token } = await callerFor(h.db, admin.id).cities.invite({
      cityId: city.id,
      email: "invitee@example.test",
      role: "leadership",
    });
    const preview = await callerFor(h.db, null).accounts.invitation({ token });
    expect(preview).toMatchObject({ email: "invitee@example.test", role: "leadership" });
    const { userId } = await callerFor(h.db, null).accounts.acceptInvitation({ token, name: "Invitee", password: "invitee-password" });
    expect(await authenticateWithPassword(h.db, "invitee@example.test", "invitee-password")).not.toBeNull();
    const members = await callerFor(h.db, userId).cities.members({ cityId: city.id });
    expect(members.find((m) => m.userId === userId)?.role).toBe("leadership");
    await expectTrpcError(
      callerFor(h.db, null).accounts.acceptInvitation({ token, name: "Again", password: "invitee-password" }),
      "NOT_FOUND",
    );
  });

  it("refuses a weak password when an invitee sets one, and leaves the invitation open", async () => {
    const city = await makeCity(h.db);
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const { token } = await callerFor(h.db, admin.id).cities.invite({
      cityId: city.id,
      email: "weak-invitee@example.test",
      role: "citizen",
    });
    const error = await expectTrpcError(
      callerFor(h.db, null).accounts.acceptInvitation({ token, name: "Weak", password: "1234567890" }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain(PASSWORD_POLICY_MESSAGES.tooWeak);
    expect(await callerFor(h.db, null).accounts.invitation({ token })).not.toBeNull();
  });

  it("requires a department name for a department invitation", async () => {
    const city = await makeCity(h.db);
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const error = await expectTrpcError(
      callerFor(h.db, admin.id).cities.invite({ cityId: city.id, email: "dept@example.test", role: "department" }),
      "BAD_REQUEST",
    );
    expect(error.message).toContain("Name the department.");
  });

  it("records invitations and revocations in the city's verifiable audit chain", async () => {
    const city = await makeCity(h.db);
    const admin = await makeUser(h.db, { globalRole: "admin" });
    await callerFor(h.db, admin.id).cities.invite({ cityId: city.id, email: "audited@example.test", role: "citizen" });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.cityId, city.id));
    expect(events.map((e) => e.action)).toContain("member.invite");
    expect(await verifyAuditChain(h.db, `city:${city.id}`)).toMatchObject({ ok: true, checked: events.length });
  });
});

describe("foundation procedure × role matrix", () => {
  let cast: CityCast;
  beforeAll(async () => {
    cast = await makeCityCast(h.db);
  });

  const expectations: Record<string, Partial<Record<(typeof CAST_IDENTITIES)[number], "ok" | TRPCError["code"]>>> = {
    "cities.members": {
      anonymous: "UNAUTHORIZED",
      signedIn: "NOT_FOUND",
      outsider: "NOT_FOUND",
      citizen: "FORBIDDEN",
      partner: "FORBIDDEN",
      department: "FORBIDDEN",
      leadership: "ok",
      expert: "FORBIDDEN",
      admin: "ok",
    },
    "cities.invite": {
      anonymous: "UNAUTHORIZED",
      signedIn: "NOT_FOUND",
      outsider: "NOT_FOUND",
      citizen: "FORBIDDEN",
      partner: "FORBIDDEN",
      department: "FORBIDDEN",
      leadership: "FORBIDDEN",
      expert: "FORBIDDEN",
      admin: "ok",
    },
    "cities.create": {
      anonymous: "UNAUTHORIZED",
      signedIn: "FORBIDDEN",
      outsider: "FORBIDDEN",
      citizen: "FORBIDDEN",
      partner: "FORBIDDEN",
      department: "FORBIDDEN",
      leadership: "FORBIDDEN",
      expert: "FORBIDDEN",
      admin: "ok",
    },
    "cities.list": Object.fromEntries(CAST_IDENTITIES.map((w) => [w, "ok"])),
    "accounts.me": {
      anonymous: "UNAUTHORIZED",
      signedIn: "ok",
      outsider: "ok",
      citizen: "ok",
      partner: "ok",
      department: "ok",
      leadership: "ok",
      expert: "ok",
      admin: "ok",
    },
  };

  /** Calls the procedure as `who` and, when it answers, checks what it answered. */
  async function callAndCheck(procedure: string, who: CastIdentity) {
    const caller = callerFor(h.db, castUserId(cast, who));
    switch (procedure) {
      case "cities.members": {
        const members = await caller.cities.members({ cityId: cast.city.id });
        const { leadership, department, partner, citizen, outsider } = cast.users;
        expect(members.map((m) => m.userId).sort()).toEqual([leadership.id, department.id, partner.id, citizen.id].sort());
        expect(members.map((m) => m.userId)).not.toContain(outsider.id);
        expect(members.find((m) => m.userId === department.id)).toMatchObject({ role: "department", departmentName: "Test Department" });
        return;
      }
      case "cities.invite": {
        const email = `m-${who}-${Math.random()}@example.test`;
        const invitation = await caller.cities.invite({ cityId: cast.city.id, email, role: "citizen" });
        expect(invitation).toMatchObject({ city: { id: cast.city.id, name: cast.city.name }, email, role: "citizen" });
        expect(invitation.invitationId).toEqual(expect.any(String));
        return;
      }
      case "cities.create": {
        const name = `Matrix City ${Math.random()}`;
        const city = await caller.cities.create({ name, country: "Xland", region: "other", approvalsRequired: 1 });
        expect(city).toMatchObject({ name, country: "Xland", region: "other", approvalsRequired: 1 });
        expect((await caller.cities.list()).map((c) => c.id)).toContain(city.id);
        return;
      }
      case "cities.list": {
        const ids = (await caller.cities.list()).map((c) => c.id);
        expect(ids).toEqual(expect.arrayContaining([cast.city.id, cast.otherCity.id]));
        return;
      }
      case "accounts.me": {
        const me = await caller.accounts.me();
        expect(me?.id).toBe(castUserId(cast, who));
        const cityId = who === "outsider" ? cast.otherCity.id : cast.city.id;
        const role = who === "outsider" ? "leadership" : who;
        const isMember = ["outsider", "citizen", "partner", "department", "leadership"].includes(who);
        expect(me?.memberships).toEqual(isMember ? [expect.objectContaining({ cityId, role })] : []);
        expect(me?.globalRole ?? null).toBe(who === "expert" || who === "admin" ? who : null);
        return;
      }
      default:
        throw new Error(procedure);
    }
  }

  for (const [procedure, row] of Object.entries(expectations)) {
    for (const who of CAST_IDENTITIES) {
      const expected = row[who]!;
      it(`${procedure} as ${who} → ${expected}`, async () => {
        const attempt = callAndCheck(procedure, who);
        if (expected === "ok") await attempt;
        else await expectTrpcError(attempt, expected);
      });
    }
  }
});
