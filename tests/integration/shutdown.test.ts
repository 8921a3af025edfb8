import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres } from "@/db/client";

/**
 * Process-level: a real child process opens the app database through db/app-db.ts and shuts down
 * with scripts/server-lifecycle.mjs (the code scripts/server.mjs, i.e. `npm start`, runs).
 */
const SERVER_SCRIPT = path.resolve("tests/helpers/shutdown-write-server.ts");
const PG_SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

type Server = { child: ChildProcess; port: number; lines: string[]; exited: Promise<number | null> };
const started: Server[] = [];

afterEach(() => {
  for (const server of started.splice(0)) if (server.child.exitCode === null) server.child.kill("SIGKILL");
});

async function startServer(env: Record<string, string | undefined>): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_SCRIPT], {
    cwd: process.cwd(),
    env: { ...process.env, SEED_DEMO: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = /^listening (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
  const server = { child, port, lines, exited };
  started.push(server);
  return server;
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Outcome = { key: string; status?: number; body?: string; error?: string };
async function write(port: number, key: string): Promise<Outcome> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/write?key=${key}`, { method: "POST" });
    return { key, status: res.status, body: await res.text() };
  } catch (error) {
    return { key, error: String((error as Error).cause ?? error) };
  }
}

async function countsByKey(handle: DatabaseHandle): Promise<Map<string, number>> {
  const result = (await handle.db.execute(sql`select key, count(*)::int as n from shutdown_writes group by key`)) as
    | Array<{ key: string; n: number }>
    | { rows: Array<{ key: string; n: number }> };
  // postgres.js returns the rows, PGlite a result object.
  const rows = Array.isArray(result) ? result : result.rows;
  return new Map(rows.map((r) => [r.key, r.n]));
}

/** 16 writes in flight, then SIGTERM: every request answered, every acknowledged write stored once. */
async function expectGracefulShutdown(server: Server) {
  const keys = Array.from({ length: 16 }, (_, i) => `k${i}-${randomBytes(3).toString("hex")}`);
  const outcomes = Promise.all(keys.map((key) => write(server.port, key)));
  await until(() => keys.every((key) => server.lines.includes(`begin ${key}`)));
  server.child.kill("SIGTERM");
  const results = await outcomes;
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(results.map((r) => r.status)).toEqual(keys.map(() => 200));
  expect(await server.exited).toBe(0);
  // Refused after the signal: the listener is closed.
  expect((await write(server.port, "late")).error).toBeDefined();
  return keys;
}

// Each case starts one or two real servers (PGlite start-up with migrations takes ~5-10 s here).
describe("graceful shutdown", { timeout: 120_000 }, () => {
  it("on the embedded database: answers every request in flight, stores each acknowledged write once, and releases the data folder", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shutdown-pglite-"));
    const server = await startServer({ DATABASE_URL: undefined, PGLITE_DATA_DIR: dataDir });
    const keys = await expectGracefulShutdown(server);

    expect(fs.existsSync(path.join(dataDir, "app.lock"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    const handle = await openPglite(dataDir);
    try {
      const counts = await countsByKey(handle);
      for (const key of keys) expect(counts.get(key)).toBe(1);
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("on PostgreSQL: answers every request in flight and stores each acknowledged write once", async () => {
    const name = `shutdown_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(PG_SERVER_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(PG_SERVER_URL);
    url.pathname = `/${name}`;
    try {
      const server = await startServer({ DATABASE_URL: url.toString() });
      const keys = await expectGracefulShutdown(server);
      const handle = await openPostgres(url.toString(), { max: 1 });
      try {
        const counts = await countsByKey(handle);
        for (const key of keys) expect(counts.get(key)).toBe(1);
      } finally {
        await handle.close();
      }
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it("after kill -9 on the embedded database, the next server takes the lock over and every acknowledged write is there", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shutdown-kill-"));
    const first = await startServer({ DATABASE_URL: undefined, PGLITE_DATA_DIR: dataDir, WRITE_DELAY_MS: "0" });
    const acknowledged: string[] = [];
    for (let i = 0; i < 8; i++) {
      const outcome = await write(first.port, `before-${i}`);
      expect(outcome.status).toBe(200);
      acknowledged.push(outcome.key);
    }
    first.child.kill("SIGKILL");
    await first.exited;
    expect(fs.readFileSync(path.join(dataDir, "app.lock"), "utf8")).toBe(String(first.child.pid));

    const second = await startServer({ DATABASE_URL: undefined, PGLITE_DATA_DIR: dataDir, WRITE_DELAY_MS: "0" });
    expect((await write(second.port, "after")).status).toBe(200);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const handle = await openPglite(dataDir);
    try {
      const counts = await countsByKey(handle);
      for (const key of [...acknowledged, "after"]) expect(counts.get(key)).toBe(1);
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
