import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/bench/static/route";

/** The bare route behind the stack-limit ratio must never be reachable in production. */
describe("GET /api/bench/static", () => {
  const original = process.env.BENCH_ROUTES;
  afterEach(() => {
    if (original === undefined) delete process.env.BENCH_ROUTES;
    else process.env.BENCH_ROUTES = original;
  });

  it("answers 404 unless BENCH_ROUTES=1", async () => {
    delete process.env.BENCH_ROUTES;
    expect(GET(new Request("http://x/api/bench/static?bytes=100")).status).toBe(404);
    process.env.BENCH_ROUTES = "true";
    expect(GET(new Request("http://x/api/bench/static?bytes=100")).status).toBe(404);
  });

  it("returns a JSON body of exactly the requested size when enabled", async () => {
    process.env.BENCH_ROUTES = "1";
    for (const bytes of [14, 1000, 21_512]) {
      const res = GET(new Request(`http://x/api/bench/static?bytes=${bytes}`));
      const body = await res.text();
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect(() => JSON.parse(body)).not.toThrow();
    }
  });
});
