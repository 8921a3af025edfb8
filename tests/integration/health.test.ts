import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeAppDatabase } from "@/server/bootstrap/app-database";

// The health route opens the process-wide app database; each case gets a fresh one.
const savedEnv = { ...process.env };
afterEach(async () => {
  await closeAppDatabase();
  delete (globalThis as { __appDb?: unknown }).__appDb;
  process.env = { ...savedEnv };
});

describe("GET /api/health", () => {
  it("answers 503 with Retry-After and no driver detail when the database cannot be reached", async () => {
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ status: "error", app: "ok", database: { status: "unavailable" } });
    expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|unreachable/);
  });

  it("answers 200 on a working embedded database once it is migrated (503 until then)", async () => {
    delete process.env.DATABASE_URL;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "health-"));
    process.env.PGLITE_DATA_DIR = dir;
    process.env.SEED_DEMO = "0";
    const { GET } = await import("@/app/api/health/route");
    // Opening and migrating PGlite takes seconds. Health stops waiting at its deadline, though
    // PGlite's start-up runs on the event loop, so the first answer can come later than that.
    let res = await GET();
    while (res.status === 503) res = await GET();
    expect(await res.json()).toMatchObject({ status: "ok", database: { status: "ok", driver: "pglite" } });
  });
});
