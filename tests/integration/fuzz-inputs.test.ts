import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import type { DatabaseHandle, Db } from "@/db/client";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { appRouter } from "@/server/api/root-router";
import { type EvidenceRouteDeps, receiveEvidenceUpload, serveEvidenceFile } from "@/server/evidence/evidence-http";
import { submitEvidence } from "@/server/evidence/evidence-submissions";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import { storageFromEnv } from "@/server/storage/storage-config";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { type CityCast, makeAssessment, makeCityCast } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Arbitrary strings (NUL bytes, lone surrogates, SQL, forged cursors), numbers and JSON shapes at
 * every tRPC procedure (walked from the router, so a new one is covered without editing this file),
 * as an anonymous visitor and as an administrator, and at every open data route and the evidence
 * file routes. Nothing may answer 5xx, and a rejected call may not write a row.
 */

const RUNS_PER_PROCEDURE = Number(process.env.FUZZ_RUNS ?? 25);
// One seed per run of the file, printed on failure by fast-check so the case can be replayed.
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

let h: DatabaseHandle;
let cast: CityCast;
let known: Record<string, string>;
let logged: MockInstance<typeof console.error>;

beforeAll(async () => {
  h = await createTestDb();
  cast = await makeCityCast(h.db);
  const assessment = await makeAssessment(h.db, { cityId: cast.city.id });
  const evidence = await submitEvidence(h.db, { userId: cast.users.department.id, role: "department" }, assessment, {
    ...SAMPLE_CONTENT.link,
    characteristicKey: "funding",
  });
  known = {
    cityId: cast.city.id,
    assessmentId: assessment.id,
    evidenceId: evidence.id,
    userId: cast.users.citizen.id,
    slug: cast.city.slug,
  };
});
afterAll(() => h.close());
// Unexpected errors are logged with their id; a 5xx fails the test anyway, so keep the output short.
beforeEach(() => {
  logged = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => logged.mockRestore());

// ---------------------------------------------------------------- arbitraries

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

/** The cursors from the report that passed a format check and then failed in PostgreSQL. */
const FORGED_CURSORS = [
  b64(["1", ZERO_UUID]),
  Buffer.from(`2026-99-99T99:99:99.000000Z|${ZERO_UUID}`).toString("base64url"),
  Buffer.from(`-271821-04-20T00:00:00.000Z|${ZERO_UUID}`).toString("base64url"),
  b64(["2026-13-45 25:61:61", "comment", ZERO_UUID]),
  b64(["2026-99-99T99:99:99.000000Z", ZERO_UUID]),
  b64(["ab\u0000cd", ZERO_UUID]),
];

const nastyStrings = fc.constantFrom(
  "ab\u0000cd",
  "\u0000",
  "\ud800",
  "x\udfffy",
  "\udc00\ud800",
  "%",
  "%ED%A0%80",
  "'; drop table users; --",
  "------------------------------------",
  "2026-99-99T99:99:99.000000Z",
  "<script>alert(1)</script>",
  "a".repeat(5000),
  "",
  " ",
  ...FORGED_CURSORS,
);

const nulStrings = fc.string({ maxLength: 6 }).chain((a) => fc.string({ maxLength: 6 }).map((b) => `${a}\u0000${b}`));
const surrogateStrings = fc
  .constantFrom("\ud800", "\udbff", "\udc00", "\udfff")
  .chain((lone) => fc.string({ maxLength: 6 }).map((a) => `${a}${lone}`));

const strings = fc.oneof(
  { weight: 4, arbitrary: nastyStrings },
  { weight: 2, arbitrary: nulStrings },
  { weight: 2, arbitrary: surrogateStrings },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.uuid() },
);

const numbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308));

/** A leaf value for a named field: real ids for id fields some of the time, otherwise anything. */
function valueFor(key: string): fc.Arbitrary<unknown> {
  const leaves: fc.WeightedArbitrary<unknown>[] = [
    { weight: 8, arbitrary: strings },
    { weight: 2, arbitrary: numbers },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  ];
  if (/id$/i.test(key) || key === "slug") leaves.push({ weight: 3, arbitrary: fc.constantFrom(...Object.values(known)) });
  if (key === "cursor") leaves.push({ weight: 3, arbitrary: fc.constantFrom(...FORGED_CURSORS) });
  const leaf = fc.oneof(...leaves);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** Field names a zod input schema declares (best effort through optional/default/pipe wrappers). */
function keysOf(schema: unknown, depth = 0): string[] {
  if (!schema || typeof schema !== "object" || depth > 6) return [];
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return [];
  if (def.shape && typeof def.shape === "object") return Object.keys(def.shape as object);
  return [def.innerType, def.in, def.left, def.right].flatMap((inner) => keysOf(inner, depth + 1));
}

function inputFor(keys: string[]): fc.Arbitrary<unknown> {
  const shapes: fc.WeightedArbitrary<unknown>[] = [
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ];
  if (keys.length) {
    const values = Object.fromEntries(keys.map((k) => [k, valueFor(k)]));
    const some = fc.record(values, { requiredKeys: [] });
    const every = fc.record(values);
    shapes.push({ weight: 1, arbitrary: some }, { weight: 2, arbitrary: every });
    // Real ids where the schema wants them, junk elsewhere: reaches past the id checks into the domain code.
    shapes.push({
      weight: 3,
      arbitrary: every.map((r) => ({ ...r, ...Object.fromEntries(keys.filter((k) => k in known).map((k) => [k, known[k]])) })),
    });
  }
  return fc.oneof(...shapes);
}

// ---------------------------------------------------------------- database checks

const BOOKKEEPING_TABLES = /rate_limit|throttle|sign_in_attempt|login_attempt/;
let countQuery: ReturnType<typeof sql.raw> | null = null;

/** Row counts of every table (except rate-limit bookkeeping, which counts rejected calls by design). */
async function rowCounts(): Promise<string> {
  if (!countQuery) {
    const tables = (await h.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )) as { rows?: { table_name: string }[] } | { table_name: string }[];
    const names = (Array.isArray(tables) ? tables : (tables.rows ?? []))
      .map((t) => t.table_name)
      .filter((t) => !BOOKKEEPING_TABLES.test(t));
    countQuery = sql.raw(`select json_build_array(${names.map((t) => `(select count(*) from "${t}")`).join(", ")})::text as counts`);
  }
  const result = (await h.db.execute(countQuery)) as { rows?: { counts: string }[] } | { counts: string }[];
  return (Array.isArray(result) ? result : (result.rows ?? []))[0].counts;
}

// ---------------------------------------------------------------- tRPC

type ProcedureDef = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
// Cast kept: the router's procedure table is tRPC-internal (`_def`), not part of its public type.
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures);

let callNumber = 0;
function trpcRequest(path: string, type: "query" | "mutation", input: unknown): Request {
  const payload = JSON.stringify(input === undefined ? {} : { json: input });
  return type === "query"
    ? new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(payload)}`)
    : new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
}

describe("every tRPC procedure under arbitrary input", () => {
  it("covers the whole router", () => {
    expect(procedures.length).toBeGreaterThan(60);
  });

  for (const who of ["anonymous", "admin"] as const) {
    it(`never answers 5xx, and writes nothing when it refuses (${who})`, async () => {
      const userId = who === "anonymous" ? null : cast.users.admin.id;
      let baseline = await rowCounts();
      const failures: string[] = [];
      for (const [path, procedure] of procedures) {
        if (procedure._def.type === "subscription") continue;
        const keys = procedure._def.inputs.flatMap((schema) => keysOf(schema));
        await fc.assert(
          fc.asyncProperty(inputFor(keys), async (input) => {
            // A fresh client address per call: the public limit stays in force but is not what answers.
            const n = ++callNumber;
            const clientIp = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
            const res = await handleTrpcRequest(trpcRequest(path, procedure._def.type as "query" | "mutation", input), async () => ({
              db: h.db,
              userId,
              clientIp,
            }));
            const body = await res.text();
            if (res.status >= 500) failures.push(`${path} ${res.status} ${JSON.stringify(input)?.slice(0, 200)} → ${body.slice(0, 300)}`);
            expect(res.status, `${path} with ${JSON.stringify(input)?.slice(0, 200)}: ${body.slice(0, 300)}`).toBeLessThan(500);
            if (procedure._def.type === "mutation") {
              const after = await rowCounts();
              if (res.status >= 400) expect(after, `${path} refused (${res.status}) but wrote rows`).toBe(baseline);
              baseline = after;
            }
          }),
          { numRuns: RUNS_PER_PROCEDURE, seed: SEED, endOnFailure: true },
        );
      }
      expect(failures).toEqual([]);
      expect(await rowCounts()).toBe(baseline);
    }, 120_000);
  }

  it("refuses each forged cursor from the report with 400", async () => {
    const { admin, expert, leadership } = cast.users;
    const cases: [string, Record<string, unknown>, string][] = [
      ["evidence.listForAssessment", { assessmentId: known.assessmentId }, leadership.id],
      ["assessments.listForCity", { cityId: known.cityId }, leadership.id],
      ["review.queue", {}, expert.id],
      ["notifications.list", {}, leadership.id],
      ["workflow.assessments", {}, admin.id],
      ["moderation.queue", {}, expert.id],
      ["public.cities", {}, admin.id],
      ["public.assessments", {}, admin.id],
    ];
    for (const [path, base, userId] of cases) {
      // Cities are paged by name: a tuple of any storable text and a uuid is a real position there.
      const forged =
        path === "public.cities" ? FORGED_CURSORS.filter((c) => c !== FORGED_CURSORS[0] && c !== FORGED_CURSORS[4]) : FORGED_CURSORS;
      for (const cursor of forged) {
        const res = await handleTrpcRequest(trpcRequest(path, "query", { ...base, cursor }), async () => ({
          db: h.db,
          userId,
          clientIp: "10.9.9.9",
        }));
        expect(res.status, `${path} with cursor ${cursor}: ${(await res.clone().text()).slice(0, 300)}`).toBe(400);
      }
    }
  });
});

// ---------------------------------------------------------------- REST

describe("every open data route under arbitrary parameters", () => {
  const routes = Object.values(openDataRoutes);
  const queryValue = fc.oneof(strings, numbers.map(String), fc.constantFrom(...FORGED_CURSORS));

  it("never answers 5xx", async () => {
    for (const route of routes) {
      const queryKeys = [...Object.keys(route.query?.shape ?? {}), "format", "limit", "cursor"];
      const pathKeys = Object.keys(route.pathParams?.shape ?? {});
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 8 })), queryValue), { maxLength: 4 }),
          fc.record(Object.fromEntries(pathKeys.map((k) => [k, fc.oneof(strings, fc.constantFrom(...Object.values(known)))]))),
          async (query, pathParams) => {
            const url = new URL(`http://localhost${route.path}`);
            for (const [k, v] of query) url.searchParams.append(k, v);
            const res = await serveOpenData(route, new Request(url), pathParams as Record<string, string>, async () => h.db, {
              limiter: null,
            });
            expect(
              res.status,
              `${route.path} ${url.search} ${JSON.stringify(pathParams)}: ${(await res.text()).slice(0, 300)}`,
            ).toBeLessThan(500);
          },
        ),
        { numRuns: RUNS_PER_PROCEDURE * 3, seed: SEED, endOnFailure: true },
      );
    }
  }, 60_000);

  it("serves the OpenAPI document", async () => {
    expect(getOpenApi().status).toBe(200);
  });
});

describe("the evidence file routes under arbitrary ids and parameters", () => {
  const deps = (userId: string | null): EvidenceRouteDeps => ({
    getDb: async () => h.db as Db,
    getUserId: async () => userId,
    storage: () => storageFromEnv({ STORAGE_DIR: "/tmp/fuzz-inputs-storage" }),
    maxBytes: () => 64 * 1024,
  });

  it("never answers 5xx and stores nothing it refuses", async () => {
    let baseline = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(strings, fc.constantFrom(known.evidenceId, known.assessmentId)),
        fc.oneof(strings, numbers.map(String)),
        fc.constantFrom(null, cast.users.admin.id, cast.users.department.id),
        fc.uint8Array({ maxLength: 256 }),
        async (id, param, userId, bytes) => {
          // URLSearchParams writes a lone surrogate as U+FFFD, as a browser would; the path id arrives decoded.
          const downloadUrl = new URL("http://localhost/api/evidence/x/file");
          downloadUrl.searchParams.set("revision", param);
          const download = await serveEvidenceFile(new Request(downloadUrl), id, deps(userId));
          expect(download.status).toBeLessThan(500);
          await download.body?.cancel();
          const uploadUrl = new URL("http://localhost/api/uploads");
          uploadUrl.searchParams.set("assessmentId", id);
          uploadUrl.searchParams.set("filename", param);
          const upload = await receiveEvidenceUpload(new Request(uploadUrl, { method: "POST", body: bytes }), deps(userId));
          expect(upload.status, await upload.clone().text()).toBeLessThan(500);
          const after = await rowCounts();
          if (upload.status >= 400) expect(after).toBe(baseline);
          baseline = after;
        },
      ),
      { numRuns: RUNS_PER_PROCEDURE * 4, seed: SEED, endOnFailure: true },
    );
  }, 60_000);
});
