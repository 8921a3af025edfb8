/**
 * A real OpenID Connect provider for tests: panva's `oidc-provider` in-process, with one static
 * client, an in-memory account store (the login typed in the dev login form is the account id; any
 * password) and consent granted automatically. Started as a Playwright webServer
 * (`tsx tests/helpers/oidc-provider.ts`, playwright.config.ts) for tests/e2e/sso.spec.ts.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

type TestOidcAccount = { email: string; emailVerified: boolean; name: string };

/** The accounts the e2e provider knows (the demo department user of Pudong, two new ones). */
const E2E_OIDC_ACCOUNTS: Record<string, TestOidcAccount> = {
  "pudong-department": { email: "department.pudong@demo.city", emailVerified: true, name: "Pudong department" },
  "new-staff": { email: "new.staff@city.example", emailVerified: true, name: "New Staff" },
  // Stays waiting for a role (never revoked): the layout checks of the waiting page and /admin/sso.
  "waiting-staff": { email: "waiting.staff@city.example", emailVerified: true, name: "Waiting Staff" },
};

const TEST_OIDC_CLIENT = { clientId: "smart-city-app", clientSecret: "test-secret-not-for-production" };

type TestOidcProvider = { issuer: string; accounts: Map<string, TestOidcAccount>; close: () => Promise<void> };

async function startOidcProvider(options: {
  port?: number;
  redirectUris: string[];
  accounts: Record<string, TestOidcAccount>;
}): Promise<TestOidcProvider> {
  const accounts = new Map(Object.entries(options.accounts));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_OIDC_CLIENT.clientId,
        client_secret: TEST_OIDC_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The e-mail claims in the ID token itself, as city providers (Keycloak, Entra ID) send them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-cookie-key-not-for-production"] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.emailVerified, name: account.name };
        },
      };
    },
    // Consent is not what is tested: the client gets the scopes it asks for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Run as a script: the provider for the e2e run (playwright.config.ts), on OIDC_TEST_PORT.
if (process.argv[1]?.endsWith("oidc-provider.ts")) {
  const port = Number(process.env.OIDC_TEST_PORT ?? 3199);
  const appUrl = process.env.OIDC_TEST_APP_URL ?? "http://localhost:3100";
  void startOidcProvider({ port, redirectUris: [`${appUrl}/api/auth/callback/oidc`], accounts: E2E_OIDC_ACCOUNTS }).then(({ issuer }) =>
    console.log(`test OIDC provider at ${issuer}`),
  );
}
