import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // PGlite start-up is slow (~4 s); files share one instance each, so allow for it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
