/**
 * Invitations from /admin (issue 11, section 9): the invitation is created for the city the request
 * names and says so; pending invitations are listed per city and can be revoked, audited.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { invitations } from "@/db/schema/identity";
import { verifyAuditChain } from "@/server/audit/audit-trail";
import {
  CAST_IDENTITIES,
  type CityCast,
  callerFor,
  castUserId,
  expectedOutcome,
  makeCity,
  makeCityCast,
  makeUser,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError, outcomeOf } from "../helpers/trpc-errors";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const email = () => `invitee-${Math.random().toString(36).slice(2, 10)}@example.test`;

describe("invitations name their city", () => {
  it("creates the invitation in the city the request names and returns that city, role and email", async () => {
    const amsterdam = await makeCity(h.db, { name: `Amsterdam ${Math.random()}` });
    const barcelona = await makeCity(h.db, { name: `Barcelona ${Math.random()}` });
    const admin = callerFor(h.db, (await makeUser(h.db, { globalRole: "admin" })).id);
    const address = email();
    const created = await admin.cities.invite({ cityId: barcelona.id, email: address, role: "partner", organisation: "Port authority" });
    expect(created).toMatchObject({ city: { id: barcelona.id, name: barcelona.name }, email: address, role: "partner" });
    const [row] = await h.db.select().from(invitations).where(eq(invitations.id, created.invitationId));
    expect(row.cityId).toBe(barcelona.id);
    expect((await admin.cities.invitations({ cityId: barcelona.id })).map((i) => i.email)).toEqual([address]);
    expect(await admin.cities.invitations({ cityId: amsterdam.id })).toEqual([]);
    expect(await callerFor(h.db, null).accounts.invitation({ token: created.token })).toMatchObject({ cityId: barcelona.id });
  });

  it("refuses an invitation to a city that does not exist", async () => {
    const admin = callerFor(h.db, (await makeUser(h.db, { globalRole: "admin" })).id);
    await expectTrpcError(
      admin.cities.invite({ cityId: "00000000-0000-4000-8000-000000000000", email: email(), role: "citizen" }),
      "NOT_FOUND",
    );
  });
});

describe("pending invitations", () => {
  it("lists only invitations not yet accepted or expired, and revokes one so its link stops working, audited", async () => {
    const city = await makeCity(h.db);
    const adminUser = await makeUser(h.db, { globalRole: "admin" });
    const admin = callerFor(h.db, adminUser.id);
    const kept = await admin.cities.invite({ cityId: city.id, email: email(), role: "citizen" });
    const withdrawn = await admin.cities.invite({ cityId: city.id, email: email(), role: "leadership" });
    const accepted = await admin.cities.invite({ cityId: city.id, email: email(), role: "citizen" });
    await callerFor(h.db, null).accounts.acceptInvitation({
      token: accepted.token,
      name: "Accepted",
      password: "Correct horse battery staple 42",
    });
    const expired = await admin.cities.invite({ cityId: city.id, email: email(), role: "citizen" });
    await h.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.invitationId));

    const pending = await admin.cities.invitations({ cityId: city.id });
    expect(pending.map((i) => i.id).sort()).toEqual([kept.invitationId, withdrawn.invitationId].sort());
    expect(pending.find((i) => i.id === withdrawn.invitationId)).toMatchObject({ role: "leadership", invitedByName: adminUser.name });

    await admin.cities.revokeInvitation({ cityId: city.id, invitationId: withdrawn.invitationId });
    expect((await admin.cities.invitations({ cityId: city.id })).map((i) => i.id)).toEqual([kept.invitationId]);
    expect(await callerFor(h.db, null).accounts.invitation({ token: withdrawn.token })).toBeNull();
    await expectTrpcError(
      callerFor(h.db, null).accounts.acceptInvitation({
        token: withdrawn.token,
        name: "Too late",
        password: "Correct horse battery staple 42",
      }),
      "NOT_FOUND",
    );
    // Once only; and an accepted invitation cannot be revoked.
    await expectTrpcError(admin.cities.revokeInvitation({ cityId: city.id, invitationId: withdrawn.invitationId }), "NOT_FOUND");
    await expectTrpcError(admin.cities.revokeInvitation({ cityId: city.id, invitationId: accepted.invitationId }), "NOT_FOUND");

    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.cityId, city.id));
    const revoked = events.filter((e) => e.action === "member.revoke_invitation");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorId: adminUser.id, entityId: withdrawn.invitationId });
    expect(await verifyAuditChain(h.db, `city:${city.id}`)).toMatchObject({ ok: true });
  });

  it("does not revoke another city's invitation through this city", async () => {
    const city = await makeCity(h.db);
    const other = await makeCity(h.db);
    const admin = callerFor(h.db, (await makeUser(h.db, { globalRole: "admin" })).id);
    const elsewhere = await admin.cities.invite({ cityId: other.id, email: email(), role: "citizen" });
    await expectTrpcError(admin.cities.revokeInvitation({ cityId: city.id, invitationId: elsewhere.invitationId }), "NOT_FOUND");
    expect((await admin.cities.invitations({ cityId: other.id })).map((i) => i.id)).toEqual([elsewhere.invitationId]);
  });
});

describe("authorization matrix: invitation procedures by each identity", () => {
  let cast: CityCast;
  beforeAll(async () => {
    cast = await makeCityCast(h.db);
  });

  for (const who of CAST_IDENTITIES) {
    const expected = expectedOutcome(who, "member:invite");
    it(`cities.invitations as ${who} → ${expected}`, async () => {
      expect(await outcomeOf(callerFor(h.db, castUserId(cast, who)).cities.invitations({ cityId: cast.city.id }))).toBe(expected);
    });
  }

  for (const who of CAST_IDENTITIES) {
    const expected = expectedOutcome(who, "member:revoke");
    it(`cities.revokeInvitation as ${who} → ${expected}`, async () => {
      const { invitationId } = await callerFor(h.db, cast.users.admin.id).cities.invite({
        cityId: cast.city.id,
        email: email(),
        role: "citizen",
      });
      const outcome = await outcomeOf(
        callerFor(h.db, castUserId(cast, who)).cities.revokeInvitation({ cityId: cast.city.id, invitationId }),
      );
      expect(outcome).toBe(expected);
      const stillPending = (await callerFor(h.db, cast.users.admin.id).cities.invitations({ cityId: cast.city.id })).some(
        (i) => i.id === invitationId,
      );
      expect(stillPending).toBe(expected !== "ok");
    });
  }
});
