import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
// next-auth's CSRF cookie needs the same host in the browser and in NEXTAUTH_URL.
const baseURL = `http://localhost:${port}`;
// The test OpenID Connect provider for tests/e2e/sso.spec.ts (tests/helpers/oidc-provider.ts).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3199);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx tests/helpers/oidc-provider.ts",
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { OIDC_TEST_PORT: String(oidcPort), OIDC_TEST_APP_URL: baseURL },
    },
    {
      // A fresh embedded database per run (or DATABASE_URL's server, with demo data seeded).
      // scripts/server.mjs = `npm start`: Next behind a server that drains requests on SIGTERM.
      command: `rm -rf ${dataDir} && node scripts/server.mjs -p ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      // Stop it the way production does, so the run ends with the database closed.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        NEXT_DIST_DIR: distDir,
        PGLITE_DATA_DIR: `${dataDir}/pglite`,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production",
        SEED_DEMO: "1",
        RATE_LIMIT_DISABLED: "1",
        // Single sign-on against the test provider above (only sso.spec.ts clicks it).
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: "smart-city-app",
        OIDC_CLIENT_SECRET: "test-secret-not-for-production",
      },
    },
  ],
});
