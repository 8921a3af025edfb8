import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    // PGlite start-up is slow (~2 s from the run's template, more on a loaded machine); files share
    // one instance each, so allow for it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // next-intl's ESM build imports "next/server" without an extension, which Node's resolver refuses
    // outside a bundler; inlined, Vite resolves it (the proxy's tests import next-intl's middleware).
    server: { deps: { inline: ["next-intl"] } },
    // Two projects so that a run of unit tests alone does not build the database template: Vitest
    // runs a project's global setup only when that project has files to run.
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Migrates once into a template that createTestDb copies (tests/helpers/test-db.ts).
          globalSetup: ["tests/global-setup.ts"],
        },
      },
    ],
  },
});
