import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { hasMalformedPathEncoding, malformedPathResponse } from "@/server/http/malformed-path";

// Next's router answers these with 500 under `next start` when a dynamic route would match (checked
// against a production build: /api/v1/cities/%, /cities/%ED%A0%80); the proxy answers them first.
describe("paths with broken percent-encoding", () => {
  it.each(["/api/v1/cities/%", "/api/v1/assessments/%ED%A0%80", "/api/evidence/%C0%AF/file", "/cities/%ED%A0%80", "/api/v1/cities/%ZZ"])(
    "recognises %s",
    (path) => expect(hasMalformedPathEncoding(path)).toBe(true),
  );

  it.each(["/api/v1/cities/amsterdam", "/cities/s%C3%A3o-paulo", "/api/v1/cities/%25", "/"])("lets %s through", (path) => {
    expect(hasMalformedPathEncoding(path)).toBe(false);
    expect(malformedPathResponse(new NextRequest(`http://localhost${path}`))).toBeNull();
  });

  it("answers API paths with 400 in the open data error shape or the shared one", async () => {
    const openData = malformedPathResponse(new NextRequest("http://localhost/api/v1/cities/%"))!;
    expect(openData.status).toBe(400);
    expect(await openData.json()).toEqual({ error: expect.stringContaining("percent-encoding") });
    const evidence = malformedPathResponse(new NextRequest("http://localhost/api/evidence/%C0%AF/file"))!;
    expect(evidence.status).toBe(400);
    expect((await evidence.json()).error.code).toBe("BAD_REQUEST");
  });

  it("sends pages to the not-found page with 404", () => {
    const page = malformedPathResponse(new NextRequest("http://localhost/cities/%ED%A0%80"))!;
    expect(page.status).toBe(404);
    expect(page.headers.get("x-middleware-rewrite")).toContain("/_malformed-address");
  });
});
