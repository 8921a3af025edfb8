import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { ssoErrorMessageKey } from "@/server/accounts/oidc-errors";
import { oidcProvider, oidcSignInVerdict } from "@/server/session/oidc-next-auth";
import { makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/** The next-auth side of single sign-on: what profile() hands next-auth, and what the sign-in page shows. */
let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());

const config = { issuer: "https://login.city.example", clientId: "app", clientSecret: "secret", name: null };

describe("the next-auth OpenID Connect provider", () => {
  it("is an OIDC code flow with PKCE and state, discovered from the issuer", () => {
    const provider = oidcProvider({ ...config, name: "Pudong ID" }, async () => h.db);
    expect(provider).toMatchObject({
      id: "oidc",
      type: "oauth",
      name: "Pudong ID",
      idToken: true,
      checks: ["pkce", "state"],
      wellKnown: "https://login.city.example/.well-known/openid-configuration",
    });
  });

  it("profile() gives the app user's id and session version (the token's sub and sv); a refusal goes back to the sign-in page", async () => {
    const provider = oidcProvider(config, async () => h.db);
    const user = await makeUser(h.db);
    const profile = provider.profile!({ iss: config.issuer, sub: randomUUID(), email: user.email, email_verified: true }, {});
    await expect(profile).resolves.toMatchObject({ id: user.id, sessionVersion: user.sessionVersion });
    expect(oidcSignInVerdict(await profile)).toBe(true);

    const unverified = await provider.profile!({ iss: config.issuer, sub: randomUUID(), email: user.email, email_verified: false }, {});
    expect(unverified.id).not.toBe(user.id);
    expect(oidcSignInVerdict(unverified)).toBe("/sign-in?error=SsoEmailNotVerified");

    const broken = oidcProvider(config, async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432");
    });
    const failed = await broken.profile!({ sub: randomUUID(), email: "a@b.example", email_verified: true }, {});
    expect(oidcSignInVerdict(failed)).toBe("/sign-in?error=SignInUnavailable");
  });

  it("the sign-in page shows a short message for the provider's errors and none of theirs for the password form's", () => {
    expect(ssoErrorMessageKey("OAuthCallback")).toBe("errors.cancelled");
    expect(ssoErrorMessageKey("AccessDenied")).toBe("errors.cancelled");
    expect(ssoErrorMessageKey("SsoRevoked")).toBe("errors.SsoRevoked");
    expect(ssoErrorMessageKey("CredentialsSignin")).toBeNull();
    expect(ssoErrorMessageKey("TooManyAttempts")).toBeNull();
    expect(ssoErrorMessageKey(null)).toBeNull();
  });
});
