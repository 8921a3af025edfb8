import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { oidcAccounts } from "@/db/schema/sso";
import { isAwaitingRole, listSsoAccounts, type OidcClaims, setSsoRevoked, signInWithOidc } from "@/server/accounts/oidc-sign-in";
import { currentSessionUserId } from "@/server/auth/session-version";
import { makeCity, makeMember, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/** The linking rules of single sign-on (server/accounts/oidc-sign-in.ts); the browser journey is tests/e2e/sso.spec.ts. */
let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const ISSUER = "https://login.city.example";
const claims = (over: Partial<OidcClaims>): OidcClaims => ({ issuer: ISSUER, subject: randomUUID(), emailVerified: true, ...over });

describe("single sign-on linking", () => {
  it("a verified e-mail links to the existing account, keeps its role and gives it the same kind of session", async () => {
    const city = await makeCity(h.db);
    const member = await makeMember(h.db, city.id, "department");
    const [before] = await h.db.select().from(users).where(eq(users.id, member.id));
    const subject = randomUUID();
    const first = await signInWithOidc(h.db, claims({ subject, email: before.email.toUpperCase() }));
    expect(first).toMatchObject({ outcome: "linked", user: { id: member.id, sessionVersion: before.sessionVersion } });
    // The token it produces passes the same session check as a password sign-in's.
    expect(await currentSessionUserId(h.db, { userId: member.id, sessionVersion: before.sessionVersion })).toBe(member.id);
    // Next time: found by issuer + subject, even if the provider's e-mail changed meanwhile.
    const again = await signInWithOidc(h.db, claims({ subject, email: "renamed@city.example", emailVerified: false }));
    expect(again).toMatchObject({ outcome: "signed_in", user: { id: member.id } });
    const [link] = await h.db.select().from(oidcAccounts).where(eq(oidcAccounts.subject, subject));
    expect(link.userId).toBe(member.id);
    expect(link.lastSignInAt).not.toBeNull();
    expect(await isAwaitingRole(h.db, member.id)).toBe(false);
  });

  it("an unverified e-mail does not link to (nor take over) the account that holds the address", async () => {
    const owner = await makeUser(h.db);
    const [row] = await h.db.select().from(users).where(eq(users.id, owner.id));
    for (const emailVerified of [false, null, undefined]) {
      const result = await signInWithOidc(h.db, claims({ email: row.email, emailVerified }));
      expect(result).toEqual({ refused: "SsoEmailNotVerified" });
    }
    expect(await h.db.select().from(oidcAccounts).where(eq(oidcAccounts.userId, owner.id))).toEqual([]);
    const [after] = await h.db.select().from(users).where(eq(users.id, owner.id));
    expect(after).toEqual(row);
  });

  it("a new person gets an account with no role at all, waiting for an administrator", async () => {
    const email = `new-${randomUUID()}@city.example`;
    const result = await signInWithOidc(h.db, claims({ email, name: "New Staff" }));
    if (!("user" in result)) throw new Error("refused");
    expect(result.outcome).toBe("created");
    const [user] = await h.db.select().from(users).where(eq(users.id, result.user.id));
    expect(user).toMatchObject({ email, name: "New Staff", globalRole: null, passwordHash: null });
    expect(await h.db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([]);
    expect(await isAwaitingRole(h.db, user.id)).toBe(true);
    const listed = (await listSsoAccounts(h.db)).find((a) => a.userId === user.id);
    expect(listed).toMatchObject({ email, pending: true });
    // The admin assigns a role (a membership): no longer waiting, no longer pending.
    const city = await makeCity(h.db);
    await h.db.insert(memberships).values({ cityId: city.id, userId: user.id, role: "department" });
    expect(await isAwaitingRole(h.db, user.id)).toBe(false);
    expect((await listSsoAccounts(h.db)).find((a) => a.userId === user.id)?.pending).toBe(false);
  });

  it("no e-mail: refused, nothing created", async () => {
    const subject = randomUUID();
    expect(await signInWithOidc(h.db, claims({ subject, email: null }))).toEqual({ refused: "SsoNoEmail" });
    expect(await h.db.select().from(oidcAccounts).where(eq(oidcAccounts.subject, subject))).toEqual([]);
  });

  it("a revoked account cannot sign in, and its sessions end; restoring lets it in again", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const subject = randomUUID();
    const first = await signInWithOidc(h.db, claims({ subject, email: `r-${randomUUID()}@city.example` }));
    if (!("user" in first)) throw new Error("refused");
    expect(await setSsoRevoked(h.db, admin.id, first.user.id, true)).toBe(true);
    expect(await currentSessionUserId(h.db, { userId: first.user.id, sessionVersion: first.user.sessionVersion })).toBeNull();
    expect(await signInWithOidc(h.db, claims({ subject, email: "x@city.example" }))).toEqual({ refused: "SsoRevoked" });
    expect(await setSsoRevoked(h.db, admin.id, first.user.id, false)).toBe(true);
    expect(await signInWithOidc(h.db, claims({ subject }))).toMatchObject({ outcome: "signed_in" });
    expect(await setSsoRevoked(h.db, admin.id, admin.id, true)).toBe(false);
  });

  it("two first sign-ins of the same account at once make one link", async () => {
    const subject = randomUUID();
    const email = `twice-${randomUUID()}@city.example`;
    const results = await Promise.all([signInWithOidc(h.db, claims({ subject, email })), signInWithOidc(h.db, claims({ subject, email }))]);
    const ids = results.map((r) => ("user" in r ? r.user.id : null));
    expect(ids[0]).not.toBeNull();
    expect(ids[1]).toBe(ids[0]);
    expect(await h.db.select().from(oidcAccounts).where(eq(oidcAccounts.subject, subject))).toHaveLength(1);
  });
});
