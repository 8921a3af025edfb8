import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { handleTrpcRequest } from "@/server/api/http-handler";
import { clientAddressOf, installSocketAddressCapture } from "@/server/http/client-address";
import { createSharedRequestLimiter, publicApiLimiterFor } from "@/server/http/rate-limit";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import { callerFor } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

/**
 * Rate limits that hold: counted in the database (two limiter instances = two app servers share
 * one count), keyed by the socket address (a client-sent X-Forwarded-For resets nothing), and
 * applied per call to `public.*` over tRPC, sharing the REST API's count.
 */

const LIMIT = 5;
let h: DatabaseHandle;
const savedLimit = process.env.API_RATE_LIMIT;

beforeAll(async () => {
  process.env.API_RATE_LIMIT = String(LIMIT); // read when this database's public limiter is made
  h = await createTestDb();
});
afterAll(async () => {
  if (savedLimit === undefined) delete process.env.API_RATE_LIMIT;
  else process.env.API_RATE_LIMIT = savedLimit;
  await h.close();
});

describe("shared store", () => {
  it("lets two limiter instances (two app servers) on one database allow the limit once, not twice", async () => {
    const serverA = createSharedRequestLimiter(h.db, 4, "test-two-servers");
    const serverB = createSharedRequestLimiter(h.db, 4, "test-two-servers");
    const allowed: boolean[] = [];
    for (let i = 0; i < 8; i++) allowed.push((await (i % 2 ? serverA : serverB).hit("203.0.113.5")).allowed);
    expect(allowed).toEqual([true, true, true, true, false, false, false, false]);
    const refused = await serverA.hit("203.0.113.5");
    expect(refused).toMatchObject({ allowed: false, limit: 4, remaining: 0 });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address has its own count.
    expect((await serverB.hit("203.0.113.6")).allowed).toBe(true);
  });
});

describe("client address", () => {
  let server: http.Server;
  let baseUrl: string;
  const limiter = () => createSharedRequestLimiter(h.db, 3, "test-socket");
  let shared: ReturnType<typeof limiter>;

  beforeAll(async () => {
    shared = limiter();
    await installSocketAddressCapture(); // what instrumentation.ts does at start-up
    // A plain Node server standing in for `next start`: the capture works on every http.Server.
    server = http.createServer(async (req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await serveOpenData(
        openDataRoutes.listCities,
        new Request(`http://localhost${req.url}`, { headers }),
        {},
        async () => h.db,
        { limiter: shared },
      );
      res.writeHead(response.status, { "x-seen-address": clientAddressOf(headers, 0) });
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("keys on the socket address: a new X-Forwarded-For after the limit does not get a fresh allowance", async () => {
    const statuses: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${baseUrl}/api/v1/cities`, { headers: { "x-forwarded-for": `10.9.8.${i}` } });
      statuses.push(res.status);
      seen.add(res.headers.get("x-seen-address")!);
      await res.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect([...seen]).toEqual(["127.0.0.1"]);
  });

  it("believes forwarded entries only as far as TRUSTED_PROXY_HOPS says", () => {
    // After the capture, the socket peer is always last.
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.2" });
    expect(clientAddressOf(headers, 0)).toBe("10.0.0.2");
    expect(clientAddressOf(headers, 1)).toBe("198.51.100.9");
  });
});

describe("public.* over tRPC", () => {
  it("counts every call against the per-address limit and answers TOO_MANY_REQUESTS past it", async () => {
    const caller = callerFor(h.db, null, "198.51.100.20");
    for (let i = 0; i < LIMIT; i++) await caller.public.cities({});
    const error = await expectTrpcError(caller.public.benchmark({}), "TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/Too many requests/);
    await expect(callerFor(h.db, null, "198.51.100.21").public.cities({})).resolves.toBeDefined();
  });

  it("shares one count with the REST API for the same address", async () => {
    const address = "198.51.100.30";
    const rest = () =>
      serveOpenData(
        openDataRoutes.listCities,
        new Request("http://localhost/api/v1/cities", { headers: { "x-forwarded-for": address } }),
        {},
        async () => h.db,
      );
    for (let i = 0; i < LIMIT - 1; i++) expect((await rest()).status).toBe(200);
    await callerFor(h.db, null, address).public.cities({});
    expect((await rest()).status).toBe(429);
    await expectTrpcError(callerFor(h.db, null, address).public.cities({}), "TOO_MANY_REQUESTS");
    expect(publicApiLimiterFor(h.db)).not.toBeNull();
  });

  it("answers a refused call over HTTP with 429 and Retry-After", async () => {
    const call = () =>
      handleTrpcRequest(
        new Request(`http://localhost/api/trpc/public.cities?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`),
        async () => ({
          db: h.db,
          userId: null,
          clientIp: "198.51.100.50",
        }),
      );
    for (let i = 0; i < LIMIT; i++) expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  it("limits each call of one batched HTTP request", async () => {
    const calls = 8;
    const path = Array(calls).fill("public.cities").join(",");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { json: {} }]))));
    const res = await handleTrpcRequest(new Request(`http://localhost/api/trpc/${path}?batch=1&input=${input}`), async () => ({
      db: h.db,
      userId: null,
      clientIp: "198.51.100.40",
    }));
    const results = (await res.json()) as { result?: unknown; error?: { json: { data: { code: string } } } }[];
    expect(results.filter((r) => r.result)).toHaveLength(LIMIT);
    expect(results.filter((r) => r.error?.json.data.code === "TOO_MANY_REQUESTS")).toHaveLength(calls - LIMIT);
  });
});
