import { and, eq, isNull } from "drizzle-orm";
import { encode, type JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { memberships } from "@/db/schema/identity";
import { currentSessionUserId } from "@/server/auth/session-version";
import { loadViewer } from "@/server/members/memberships";
import { decodeSessionToken, sessionCookieName } from "@/server/session/sessions";
import { addMembership, callerFor, makeCity, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

/**
 * Sessions end on the server: a copied session cookie stops working after sign-out, a block or a
 * role revocation. Driven through the real next-auth options (authorize, the jwt callback, the
 * sign-out event) against this file's database, and the same token check every request makes.
 */

const SECRET = "test-secret-for-auth-sessions";
let h: DatabaseHandle;
let options: Awaited<ReturnType<typeof loadOptions>>;

async function loadOptions() {
  process.env.NEXTAUTH_SECRET = SECRET;
  // getDb() (used by authorize and the sign-out event) hands out this file's database.
  (globalThis as typeof globalThis & { __appDb?: { promise: Promise<DatabaseHandle> } }).__appDb = { promise: Promise.resolve(h) };
  const { getAuthOptions } = await import("@/server/session/auth-options");
  return getAuthOptions();
}

beforeAll(async () => {
  h = await createTestDb();
  options = await loadOptions();
});
afterAll(async () => {
  delete (globalThis as typeof globalThis & { __appDb?: unknown }).__appDb;
  await h.close();
});

const PASSWORD = "kettle-marble-orbit-9";

async function userWithPassword(email: string) {
  return makeUser(h.db, { email, name: "Session User", password: PASSWORD });
}

/** Signs in as next-auth does and returns the cookie value it would set. */
async function signInCookie(email: string): Promise<string> {
  // Cast kept: next-auth's Provider type hides the credentials provider's `options.authorize`, which this test calls as next-auth does.
  const provider = options.providers[0] as unknown as { options: CredentialsConfig };
  const user = await provider.options.authorize({ email, password: PASSWORD }, { headers: { "x-forwarded-for": "192.0.2.50" } } as never);
  expect(user).not.toBeNull();
  const token = await options.callbacks!.jwt!({ token: { sub: user!.id } as JWT, user: user!, account: null } as never);
  return encode({ token: token as JWT, secret: SECRET });
}

/** What every request does with the cookie (server/session/auth-options.ts getSessionUserId). */
async function userIdFromCookie(cookie: string): Promise<string | null> {
  return currentSessionUserId(h.db, await decodeSessionToken(cookie, SECRET));
}

async function signOut(cookie: string) {
  const { decode } = await import("next-auth/jwt");
  await options.events!.signOut!({ token: (await decode({ token: cookie, secret: SECRET }))! } as never);
}

describe("session cookie", () => {
  it("uses one cookie name per deployment: the __Secure- name only over https", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
    expect(sessionCookieName("https://city.example")).toBe("__Secure-next-auth.session-token");
    expect(options.useSecureCookies).toBe(false); // NEXTAUTH_URL defaults to http://localhost in tests
  });

  it("refuses a token without a session version (issued before versions existed)", async () => {
    const user = await userWithPassword("legacy@example.test");
    const legacy = await encode({ token: { sub: user.id }, secret: SECRET });
    expect(await userIdFromCookie(legacy)).toBeNull();
  });
});

describe("ending sessions", () => {
  it("rejects a replayed cookie after sign-out (accounts.me → UNAUTHORIZED)", async () => {
    const user = await userWithPassword("replay@example.test");
    const cookie = await signInCookie("replay@example.test");
    expect(await userIdFromCookie(cookie)).toBe(user.id);
    const me = await callerFor(h.db, await userIdFromCookie(cookie)).accounts.me();
    expect(me?.id).toBe(user.id);

    await signOut(cookie);

    expect(await userIdFromCookie(cookie)).toBeNull();
    await expectTrpcError(callerFor(h.db, await userIdFromCookie(cookie)).accounts.me(), "UNAUTHORIZED");
    // Pages read the viewer with the version folded into the same query: signed out there too.
    expect(await loadViewer(h.db, user.id, { sessionVersion: 0 })).toBeNull();
    // Signing in again gives a fresh, working session.
    expect(await userIdFromCookie(await signInCookie("replay@example.test"))).toBe(user.id);
  });

  it("ends the sessions of a user a moderator blocks", async () => {
    const user = await userWithPassword("blocked@example.test");
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const cookie = await signInCookie("blocked@example.test");
    expect(await userIdFromCookie(cookie)).toBe(user.id);
    await callerFor(h.db, admin.id).moderation.block({ userIds: [user.id], justification: "Repeated abusive comments." });
    expect(await userIdFromCookie(cookie)).toBeNull();
  });

  it("ends the sessions of a member whose role is revoked", async () => {
    const city = await makeCity(h.db);
    const user = await userWithPassword("revoked@example.test");
    await addMembership(h.db, city.id, user.id, "department", { departmentName: "Energy" });
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const cookie = await signInCookie("revoked@example.test");
    expect(await userIdFromCookie(cookie)).toBe(user.id);
    const [membership] = await h.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), isNull(memberships.revokedAt)));
    await callerFor(h.db, admin.id).cities.revokeMember({ cityId: city.id, membershipId: membership.id, reason: "Moved to another city" });
    expect(await userIdFromCookie(cookie)).toBeNull();
  });
});

describe("authorize", () => {
  it("turns an unexpected failure into a neutral code and logs the detail with an error id", async () => {
    const { authorizeCredentials, SIGN_IN_UNAVAILABLE } = await import("@/server/session/sign-in");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = async () => {
      throw new Error('Failed query: select "password_hash" from "users" where email = $1 params: a@b.c');
    };
    const failure = await authorizeCredentials(broken as never, { email: "a@b.c", password: "whatever-password" }, "192.0.2.1").then(
      () => null,
      (e: Error) => e,
    );
    expect(failure?.message).toBe(SIGN_IN_UNAVAILABLE);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[error [0-9a-f-]{36}\] sign-in$/), expect.any(Error));
    logged.mockRestore();
  });
});
