import { sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError } from "@/db/database-errors";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { GENERIC_ERROR_MESSAGE, UNAVAILABLE_ERROR_MESSAGE } from "@/server/errors/report-error";
import { type EvidenceRouteDeps, serveEvidenceFile } from "@/server/evidence/evidence-http";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import { authorizeCredentials, SIGN_IN_UNAVAILABLE } from "@/server/session/sign-in";
import { storageFromEnv } from "@/server/storage/storage-config";
import type { Context } from "@/server/trpc/init";
import { makeCity, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Every known way to make the server fail, sent through the real HTTP handlers: the client sees a
 * fixed message and an error id, never SQL, query parameters or a stack; the server log has the
 * detail under the same id. A database that cannot be reached is a 503 with Retry-After.
 */

let h: DatabaseHandle;
let logged: MockInstance<typeof console.error>;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(() => h.close());
beforeEach(() => {
  logged = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  logged.mockRestore();
});

const ERROR_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** What must never reach a client: SQL, its parameters, driver detail, stack frames, file paths. */
function expectNoInternals(body: string, secrets: string[] = []) {
  for (const pattern of [
    /\bselect\b/i,
    /\binsert\b/i,
    /\bupdate\s+"/i,
    /Failed query/i,
    /params:/i,
    /\brelation\b/i,
    /does not exist/i,
    /\bat .+:\d+:\d+/,
    /\.ts:\d+/,
    /node_modules/,
    /password_hash/i,
    /SQLSTATE|sqlState|"code":"(42|23|08|57)/,
  ]) {
    expect(body, `body leaks ${pattern}`).not.toMatch(pattern);
  }
  for (const secret of secrets) expect(body).not.toContain(secret);
}

/** The error id in the body is the one in the server log line that holds the detail. */
function expectLoggedUnder(errorId: string, detail: RegExp) {
  const line = logged.mock.calls.find((args) => String(args[0]).includes(errorId));
  expect(line, `a log line with error id ${errorId}`).toBeDefined();
  const text = line!
    .map((part) => (part instanceof Error ? `${part.message} ${String((part as { cause?: unknown }).cause)}` : String(part)))
    .join(" ");
  expect(text).toMatch(detail);
}

function trpcGet(path: string, input: unknown): Request {
  return new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
}

function trpcPost(path: string, input: unknown): Request {
  return new Request(`http://localhost/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
}

const contextFor =
  (db: Db, userId: string | null = null) =>
  async (): Promise<Context> => ({ db, userId, clientIp: "127.0.0.1" });

/**
 * Runs `work` against this database with `table` renamed away, so every query on it fails in
 * PostgreSQL with the SQL text and parameters in the error, then puts everything back.
 */
async function withMissingTable<T>(table: string, work: (db: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await h.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw(`alter table "${table}" rename to "${table}_moved_away"`));
      result = await work(tx);
      tx.rollback();
    })
    .catch((error) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return result as T;
}

type TrpcErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number; errorId?: string } } } };

describe("tRPC over HTTP", () => {
  it("answers a NUL byte in cities.bySlug with a 400 naming the field, not a 500 with the query", async () => {
    const res = await handleTrpcRequest(trpcGet("cities.bySlug", { slug: "ab\u0000cd" }), contextFor(h.db));
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(body).toContain("slug");
    expectNoInternals(body);
  });

  it("answers a failing query with a generic message and an error id; the log has the SQL under that id", async () => {
    const slug = "leak-probe-slug";
    const res = await withMissingTable("cities", (db) => handleTrpcRequest(trpcGet("cities.bySlug", { slug }), contextFor(db)));
    const text = await res.text();
    expect(res.status).toBe(500);
    expectNoInternals(text, [slug]);
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.json.message).toContain(GENERIC_ERROR_MESSAGE);
    const errorId = body.error.json.data.errorId!;
    expect(errorId).toMatch(ERROR_ID);
    expect(body.error.json.message).toContain(errorId);
    expectLoggedUnder(errorId, /cities/);
  });

  it("keeps internals out of a failing mutation by a signed-in user, in a batch", async () => {
    const user = await makeUser(h.db);
    const res = await withMissingTable("notifications", (db) =>
      handleTrpcRequest(
        new Request("http://localhost/api/trpc/notifications.markAllRead,notifications.markRead?batch=1", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ 0: { json: null }, 1: { json: { ids: [crypto.randomUUID()] } } }),
        }),
        contextFor(db, user.id),
      ),
    );
    const text = await res.text();
    expect(res.status).toBe(500);
    expectNoInternals(text, [user.id]);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = JSON.parse(text) as TrpcErrorBody[];
    expect(body.every((item) => ERROR_ID.test(item.error.json.data.errorId ?? ""))).toBe(true);
  });

  it("answers a unique violation in a race with 409 and no SQL", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin" });
    const name = `Racetown ${crypto.randomUUID().slice(0, 8)}`;
    const input = { name, country: "Testland", region: "EU" };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => handleTrpcRequest(trpcPost("cities.create", input), contextFor(h.db, admin.id))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    for (const res of responses.filter((r) => r.status !== 200)) expectNoInternals(await res.text(), [name]);
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const res = await handleTrpcRequest(trpcGet("public.cities", {}), async () => {
      throw new DatabaseUnavailableError("connect ECONNREFUSED 127.0.0.1:5432", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    });
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expectNoInternals(text, ["127.0.0.1", "ECONNREFUSED"]);
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.json.message).toContain(UNAVAILABLE_ERROR_MESSAGE);
    expect(body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.json.data.errorId).toMatch(ERROR_ID);
  });

  it("answers a closed database handle with 503 and no internals, on both drivers", async () => {
    const closed = await createTestDb();
    const city = await makeCity(closed.db);
    await closed.close();
    const res = await handleTrpcRequest(trpcGet("cities.bySlug", { slug: city.slug }), contextFor(closed.db));
    const text = await res.text();
    expectNoInternals(text, [city.slug]);
    expect(JSON.parse(text).error.json.data.errorId).toMatch(ERROR_ID);
    // PostgreSQL: the driver says the connection ended; PGlite: "PGlite is closed" (shutting down).
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });

  it("sends private, no-store on every answer to a signed-in request, and nothing private to anonymous ones", async () => {
    const user = await makeUser(h.db);
    const mine = await handleTrpcRequest(trpcGet("accounts.me", null), contextFor(h.db, user.id));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const publicRes = await handleTrpcRequest(trpcGet("public.cities", {}), contextFor(h.db));
    expect(publicRes.status).toBe(200);
    expect(publicRes.headers.get("cache-control") ?? "").not.toContain("private");
  });

  it("refuses a batch of more than 10 calls with 400 before running any", async () => {
    const paths = Array.from({ length: 11 }, () => "public.cities").join(",");
    const input = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, { json: {} }]));
    const res = await handleTrpcRequest(
      new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`),
      contextFor(h.db),
    );
    expect(res.status).toBe(400);
    const ten = Array.from({ length: 10 }, () => "public.cities").join(",");
    const ok = await handleTrpcRequest(
      new Request(
        `http://localhost/api/trpc/${ten}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { json: {} }]))))}`,
      ),
      contextFor(h.db),
    );
    expect(ok.status).toBe(200);
  });
});

describe("open data REST", () => {
  it("answers a failing query with a generic message and an error id", async () => {
    const res = await withMissingTable("cities", (db) =>
      serveOpenData(
        openDataRoutes.getCity,
        new Request("http://localhost/api/v1/cities/leak-probe"),
        { slug: "leak-probe" },
        async () => db,
        {
          limiter: null,
        },
      ),
    );
    const text = await res.text();
    expect(res.status).toBe(500);
    expectNoInternals(text, ["leak-probe"]);
    const body = JSON.parse(text) as { error: string; errorId: string };
    expect(body.error).toBe(GENERIC_ERROR_MESSAGE);
    expect(body.errorId).toMatch(ERROR_ID);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expectLoggedUnder(body.errorId, /cities/);
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const res = await serveOpenData(
      openDataRoutes.listCities,
      new Request("http://localhost/api/v1/cities"),
      {},
      async () => {
        throw new DatabaseUnavailableError();
      },
      { limiter: null },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    const body = (await res.json()) as { error: string; errorId: string; retryAfterSeconds: number };
    expect(body.error).toBe(UNAVAILABLE_ERROR_MESSAGE);
    expect(body.retryAfterSeconds).toBe(DATABASE_RETRY_AFTER_SECONDS);
    expect(body.errorId).toMatch(ERROR_ID);
  });

  it("answers NUL bytes in query parameters with 400", async () => {
    for (const [route, query] of [
      [openDataRoutes.listCities, "search=ab%00cd"],
      [openDataRoutes.listAssessments, "cycle=ab%00cd"],
      [openDataRoutes.getBenchmark, "cycle=ab%00cd"],
    ] as const) {
      const res = await serveOpenData(route, new Request(`http://localhost${route.path}?${query}`), {}, async () => h.db, {
        limiter: null,
      });
      expect(res.status, `${route.path}?${query}`).toBe(400);
      expectNoInternals(await res.text());
    }
  });
});

describe("evidence file routes", () => {
  const deps = (db: Db | (() => Promise<Db>), userId: string | null): EvidenceRouteDeps => ({
    getDb: typeof db === "function" ? db : async () => db,
    getUserId: async () => userId,
    storage: () => storageFromEnv({ STORAGE_DIR: "/tmp/error-leaks-storage" }),
    maxBytes: () => 1024 * 1024,
  });

  it("answers a failing query with a generic message and an error id", async () => {
    const user = await makeUser(h.db);
    const evidenceId = crypto.randomUUID();
    const res = await withMissingTable("evidence", (db) =>
      serveEvidenceFile(new Request(`http://localhost/api/evidence/${evidenceId}/file`), evidenceId, deps(db, user.id)),
    );
    const text = await res.text();
    expect(res.status).toBe(500);
    expectNoInternals(text, [evidenceId]);
    expect(JSON.parse(text).error.errorId).toMatch(ERROR_ID);
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const evidenceId = crypto.randomUUID();
    const res = await serveEvidenceFile(
      new Request(`http://localhost/api/evidence/${evidenceId}/file`),
      evidenceId,
      deps(async () => {
        throw new DatabaseUnavailableError();
      }, "someone"),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });

  it("answers an id that only looks like one with 404, not a database error", async () => {
    const user = await makeUser(h.db);
    const res = await serveEvidenceFile(new Request("http://localhost/api/evidence/x/file"), "-".repeat(36), deps(h.db, user.id));
    expect(res.status).toBe(404);
  });
});

describe("sign-in (next-auth credentials)", () => {
  // next-auth puts the message authorize() throws into the redirect: /api/auth/error?error=<message>.
  async function signInFailure(getDb: () => Promise<Db>): Promise<string> {
    const email = `leak-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const error = await authorizeCredentials(getDb, { email, password: "correct horse battery staple" }, "10.1.2.3").then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expectNoInternals(error!.message, [email]);
    return error!.message;
  }

  it("turns a failing query into a fixed error code, logged with an id", async () => {
    const message = await withMissingTable("users", (db) => signInFailure(async () => db));
    expect(message).toBe(SIGN_IN_UNAVAILABLE);
    const line = logged.mock.calls.find((args) => String(args[0]).includes("sign-in"));
    expect(String(line?.[0])).toMatch(ERROR_ID);
  });

  it("turns an unreachable database into the same fixed error code", async () => {
    expect(
      await signInFailure(async () => {
        throw new DatabaseUnavailableError();
      }),
    ).toBe(SIGN_IN_UNAVAILABLE);
  });
});
