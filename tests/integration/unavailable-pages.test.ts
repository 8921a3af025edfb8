import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseUnavailableError } from "@/db/database-errors";
import { noteRequestError, withUnavailableStatus } from "@/server/http/unavailable-pages";

/**
 * A page whose render failed because the database is unreachable answers 503 + Retry-After instead
 * of Next's 500; any other failure keeps its 500, and one request's outage never changes another's
 * status. A plain Node server stands in for Next here (tests/e2e/outage.spec.ts runs the real one).
 */
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) =>
    withUnavailableStatus(res, async () => {
      // Renders are asynchronous: the record must follow the request across awaits.
      await new Promise((resolve) => setTimeout(resolve, req.url === "/down-slow" ? 30 : 1));
      if (req.url?.startsWith("/down")) noteRequestError(new DatabaseUnavailableError());
      if (req.url === "/bug") noteRequestError(new Error("a bug, not an outage"));
      if (req.url === "/handled") {
        noteRequestError(new DatabaseUnavailableError());
        res.writeHead(200, { "content-type": "text/html" });
        res.end("a section shows its own error state");
        return;
      }
      res.statusCode = 500; // Next sets the status and lets Node write the head implicitly
      res.setHeader("content-type", "text/html");
      res.end("Temporarily unavailable");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("pages during a database outage", () => {
  it("turns the error page's 500 into 503 with Retry-After, keeping the page", async () => {
    const res = await fetch(`${base}/down`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("Temporarily unavailable");
  });

  it("keeps 500 for other failures and 200 for a page that handled the error itself", async () => {
    const bug = await fetch(`${base}/bug`);
    expect(bug.status).toBe(500);
    expect(bug.headers.get("retry-after")).toBeNull();
    expect((await fetch(`${base}/handled`)).status).toBe(200);
  });

  it("marks only the request that met the outage, with requests in flight at once", async () => {
    const statuses = await Promise.all(
      ["/down-slow", "/bug", "/down", "/bug", "/ok"].map(async (p) => (await fetch(`${base}${p}`)).status),
    );
    expect(statuses).toEqual([503, 500, 503, 500, 500]);
  });
});
