import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// The health route opens the process-wide app database; each case gets a fresh one.
const savedEnv = { ...process.env };
afterEach(async () => {
  const state = (globalThis as { __appDb?: { promise: Promise<{ close: () => Promise<void> }> } }).__appDb;
  if (state) await state.promise.then((h) => h.close()).catch(() => {});
  delete (globalThis as { __appDb?: unknown }).__appDb;
  process.env = { ...savedEnv };
});

describe("GET /api/health", () => {
  it("answers 503 with the database error when the database cannot be reached", async () => {
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ app: "ok", database: { status: "error" } });
  });

  it("answers 200 on a working embedded database, migrated and seeded on first use", async () => {
    delete process.env.DATABASE_URL;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "health-"));
    process.env.PGLITE_DATA_DIR = dir;
    process.env.SEED_DEMO = "0";
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { status: "ok", driver: "pglite" } });
  });
});
