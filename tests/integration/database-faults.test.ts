import { randomBytes } from "node:crypto";
import { count, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, type Db, openPostgres, type PostgresTimeouts } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { users } from "@/db/schema/identity";
import { closeAppDatabase, prepareAppDatabase } from "@/server/bootstrap/app-database";
import { DEMO_ACCOUNTS } from "@/server/seed/demo";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

/**
 * Faults between the app's pool and PostgreSQL, injected with a TCP proxy (the shared server is
 * never restarted). Runs against the PostgreSQL server of DATABASE_URL, or the one every machine
 * here has on 127.0.0.1:5432, in a scratch database it creates and drops.
 */
const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TIMEOUTS: PostgresTimeouts = { connectTimeoutSeconds: 1, statementTimeoutSeconds: 1, responseTimeoutSeconds: 1.5 };
/** A query that cannot be served fails within about two connect timeouts or one response timeout. */
const FAILURE_BOUND_MS = 3_500;

async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `faults_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type WriteRecord = { key: string; writer: number; startedAt: number; endedAt: number; error?: unknown };

/** Writers that each commit a two-row transaction per write, one after another, until stopped. */
function startWriters(db: Db, writers: number) {
  const records: WriteRecord[] = [];
  let stopped = false;
  let sequence = 0;
  const run = randomBytes(3).toString("hex");
  const loops = Array.from({ length: writers }, async (_, writer) => {
    while (!stopped) {
      const key = `${run}-w${writer}-${sequence++}`;
      const record: WriteRecord = { key, writer, startedAt: performance.now(), endedAt: 0 };
      try {
        await db.transaction(async (tx) => {
          await tx.execute(sql`insert into fault_writes (key, part) values (${key}, 1)`);
          await tx.execute(sql`insert into fault_writes (key, part) values (${key}, 2)`);
        });
      } catch (error) {
        record.error = error;
      }
      record.endedAt = performance.now();
      records.push(record);
      if (record.error) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    run,
    records,
    acknowledged: () => records.filter((r) => !r.error).length,
    failed: () => records.filter((r) => r.error).length,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Every acknowledged write is stored exactly once, and no write is stored in part. */
async function expectAcknowledgedWritesStoredOnce(db: Db, run: string, records: WriteRecord[]) {
  const rows = (await db.execute(
    sql`select key, count(*)::int as parts from fault_writes where key like ${run + "-%"} group by key`,
  )) as Array<{
    key: string;
    parts: number;
  }>;
  const partsByKey = new Map(rows.map((r) => [r.key, r.parts]));
  for (const parts of partsByKey.values()) expect(parts).toBe(2);
  const attempted = new Set(records.map((r) => r.key));
  for (const key of partsByKey.keys()) expect(attempted.has(key)).toBe(true);
  const acknowledged = records.filter((r) => !r.error);
  const missing = acknowledged.filter((r) => partsByKey.get(r.key) !== 2).map((r) => r.key);
  expect(missing).toEqual([]);
}

function expectEveryFailureUnavailableAndBounded(records: WriteRecord[]) {
  for (const record of records) {
    expect(record.endedAt - record.startedAt).toBeLessThan(FAILURE_BOUND_MS);
    if (record.error) expect(isDatabaseUnavailable(record.error), describeError(record.error)).toBe(true);
  }
}

let scratch: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  scratch = await createScratchDatabase();
  const setup = postgres(scratch.url, { max: 1, onnotice: () => {} });
  await setup`create table fault_writes (key text not null, part int not null, primary key (key, part))`;
  await setup.end();
});
afterAll(async () => {
  await scratch?.drop();
});

describe("connection pool under PostgreSQL faults", () => {
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  afterEach(async () => {
    await handle?.close();
    await proxy?.close();
  });

  it("writes succeed again within 2 s after every connection is cut, twice, and no acknowledged write is lost", async () => {
    proxy = await startTcpProxy({ host: new URL(scratch.url).hostname, port: Number(new URL(scratch.url).port || 5432) });
    handle = await openPostgres(proxy.proxiedUrl(scratch.url), { max: 5, timeouts: TIMEOUTS });
    const writers = startWriters(handle.db, 8);
    const recoveries: number[] = [];

    // A restart that is over at once, then one with the database down until it comes back.
    for (const outage of ["cut", "down"] as const) {
      await until(() => writers.acknowledged() >= 40 * (recoveries.length + 1));
      const failedBefore = writers.failed();
      if (outage === "cut") proxy.cutAll();
      else {
        await proxy.refuse();
        await until(() => writers.failed() >= failedBefore + 8);
      }
      await proxy.restore();
      const restoredAt = performance.now();
      const ackedBefore = writers.records.filter((r) => !r.error && r.startedAt >= restoredAt).length;
      await until(() => writers.records.filter((r) => !r.error && r.startedAt >= restoredAt).length > ackedBefore);
      const firstSuccess = writers.records.find((r) => !r.error && r.startedAt >= restoredAt)!;
      recoveries.push(firstSuccess.endedAt - restoredAt);
      // Nothing stays broken: every write started a moment after recovery succeeds.
      const settledAt = performance.now() + 500;
      await until(() => writers.records.filter((r) => r.startedAt >= settledAt).length >= 80);
      expect(writers.records.filter((r) => r.startedAt >= settledAt && r.error).map((r) => String(r.error))).toEqual([]);
    }
    await writers.stop();
    // Every pooled connection works again: rounds of more concurrent queries than the pool holds.
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      await Promise.all(Array.from({ length: 10 }, () => handle.db.execute(sql`select pg_sleep(0.05)`)));
      expect(performance.now() - started).toBeLessThan(1_000);
    }

    for (const recovery of recoveries) expect(recovery).toBeLessThan(2_000);
    expect(writers.failed()).toBeGreaterThan(0);
    expectEveryFailureUnavailableAndBounded(writers.records);
    await expectAcknowledgedWritesStoredOnce(handle.db, writers.run, writers.records);
  });

  it("fails fast with a database-unavailable error while the network swallows everything, then recovers", async () => {
    proxy = await startTcpProxy({ host: new URL(scratch.url).hostname, port: Number(new URL(scratch.url).port || 5432) });
    handle = await openPostgres(proxy.proxiedUrl(scratch.url), { max: 3, timeouts: TIMEOUTS });
    await Promise.all(Array.from({ length: 3 }, () => handle.db.execute(sql`select pg_sleep(0.05)`)));

    proxy.blackHole();
    const writers = startWriters(handle.db, 6);
    // Open connections go silent first, then new ones are accepted and never answered.
    await until(() => writers.failed() >= 12, 20_000);
    await proxy.restore();
    const restoredAt = performance.now();
    await until(() => writers.records.some((r) => !r.error && r.startedAt >= restoredAt));
    const firstSuccess = writers.records.find((r) => !r.error && r.startedAt >= restoredAt)!;
    await writers.stop();

    expect(firstSuccess.endedAt - restoredAt).toBeLessThan(2_000);
    expectEveryFailureUnavailableAndBounded(writers.records);
    const codes = new Set(writers.records.filter((r) => r.error).map((r) => errorCode(r.error)));
    expect(
      [...codes].filter((code) => code === "RESPONSE_TIMEOUT" || code === "CONNECT_TIMEOUT"),
      [...codes].join(),
    ).not.toEqual([]);
    await expectAcknowledgedWritesStoredOnce(handle.db, writers.run, writers.records);
  });
});

function describeError(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  return `${errorCode(error)}: ${cause?.message ?? String(error)}`;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  while (current && typeof current === "object") {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

describe("app database and health under PostgreSQL faults", () => {
  const savedEnv = { ...process.env };
  let proxy: TcpProxy;
  let migrated: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    migrated = await createScratchDatabase();
    const handle = await openPostgres(migrated.url, { max: 1 });
    await prepareAppDatabase(handle, { seedDemo: false });
    await handle.close();
  });
  afterAll(async () => {
    await migrated?.drop();
  });
  afterEach(async () => {
    await closeAppDatabase();
    delete (globalThis as { __appDb?: unknown }).__appDb;
    process.env = { ...savedEnv };
    await proxy?.close();
  });

  async function health() {
    const { GET } = await import("@/app/api/health/route");
    const started = performance.now();
    const res = await GET();
    return { res, body: await res.text(), ms: performance.now() - started };
  }

  it("answers 503 while PostgreSQL is down at start-up and 200 soon after it comes up (the failure is not cached)", async () => {
    proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(migrated.url).port || 5432) });
    Object.assign(process.env, { DATABASE_URL: proxy.proxiedUrl(migrated.url), SEED_DEMO: "0", DATABASE_CONNECT_TIMEOUT: "1" });
    await proxy.refuse();

    const down = await health();
    expect(down.res.status).toBe(503);
    expect(down.ms).toBeLessThan(2_500);
    expect(down.res.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(down.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|Failed query/i);
    expect((await health()).res.status).toBe(503);

    await proxy.restore();
    const upAt = performance.now();
    let up = await health();
    while (up.res.status !== 200 && performance.now() - upAt < 5_000) up = await health();
    expect(up.res.status).toBe(200);
    expect(performance.now() - upAt).toBeLessThan(3_000);
  });

  it("answers 503 within 2 s while the database is silent, and 200 again once it answers", async () => {
    proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(migrated.url).port || 5432) });
    Object.assign(process.env, { DATABASE_URL: proxy.proxiedUrl(migrated.url), SEED_DEMO: "0" });
    expect((await health()).res.status).toBe(200);

    proxy.blackHole();
    const silent = await health();
    expect(silent.res.status).toBe(503);
    expect(silent.ms).toBeLessThan(2_500);

    await proxy.restore();
    const upAt = performance.now();
    let up = await health();
    while (up.res.status !== 200 && performance.now() - upAt < 15_000) up = await health();
    expect(up.res.status).toBe(200);
  });
});

describe("demo seeding on an empty database", () => {
  it("a seed that fails part-way leaves nothing behind, does not fail the start-up, and succeeds on the next try", async () => {
    const empty = await createScratchDatabase();
    const handle = await openPostgres(empty.url, { max: 2 });
    try {
      await prepareAppDatabase(handle, { seedDemo: false });
      // Any failure after the first users are written (a lost connection, a constraint) stands in here.
      await handle.db.execute(sql`create function fail_demo_seed() returns trigger language plpgsql as $$
        begin raise exception 'membership insert refused'; end $$`);
      await handle.db.execute(
        sql`create trigger fail_demo_seed before insert on memberships for each row execute function fail_demo_seed()`,
      );

      const failed = await prepareAppDatabase(handle, { seedDemo: true });
      expect(failed.seeded).toBe(false);
      expect(String((failed.seedError as { cause?: unknown }).cause ?? failed.seedError)).toMatch(/membership insert refused/);
      const [{ n: afterFailure }] = await handle.db.select({ n: count() }).from(users);
      expect(afterFailure).toBe(0);

      await handle.db.execute(sql`drop trigger fail_demo_seed on memberships`);
      expect(await prepareAppDatabase(handle, { seedDemo: true })).toEqual({ seeded: true });
      const [{ n }] = await handle.db.select({ n: count() }).from(users);
      expect(n).toBe(DEMO_ACCOUNTS.length);
    } finally {
      await handle.close();
      await empty.drop();
    }
  });

  it("two servers starting at once both come up and the demo data is seeded once", async () => {
    const empty = await createScratchDatabase();
    const [a, b] = await Promise.all([openPostgres(empty.url, { max: 2 }), openPostgres(empty.url, { max: 2 })]);
    try {
      const reports = await Promise.all([prepareAppDatabase(a, { seedDemo: true }), prepareAppDatabase(b, { seedDemo: true })]);
      expect(reports.map((r) => r.seedError)).toEqual([undefined, undefined]);
      expect(reports.filter((r) => r.seeded)).toHaveLength(1);
      const [{ n }] = await a.db.select({ n: count() }).from(users);
      expect(n).toBe(DEMO_ACCOUNTS.length);
    } finally {
      await a.close();
      await b.close();
      await empty.drop();
    }
  });
});
