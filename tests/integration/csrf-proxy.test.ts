import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const APP = "http://localhost:3000";

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  return new NextRequest(new URL(path, APP), {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
    body: init.body,
  });
}

function multipartMarkAllRead(headers: Record<string, string>) {
  const form = new FormData();
  form.set("json", "{}");
  return request("/api/trpc/notifications.markAllRead", { method: "POST", headers, body: form });
}

/** NextResponse.next() marks "continue to the route"; a refusal is a real response. */
const passedThrough = (res: Response) => res.headers.get("x-middleware-next") === "1";
const nonceOf = (policy: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];

describe("the proxy refuses cross-site mutations", () => {
  it("refuses a multipart POST to a tRPC mutation from a foreign Origin with 403 JSON", async () => {
    const res = proxy(multipartMarkAllRead({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }));
    expect(res.status).toBe(403);
    expect(passedThrough(res)).toBe(false);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.stringContaining("Cross-site") } });
  });

  it("refuses on a foreign Origin alone, on Sec-Fetch-Site: cross-site alone, and on Origin: null", () => {
    expect(proxy(multipartMarkAllRead({ origin: "https://evil.example" })).status).toBe(403);
    expect(proxy(multipartMarkAllRead({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(proxy(multipartMarkAllRead({ origin: "null" })).status).toBe(403);
    // Same site but another origin (a sibling subdomain, or another port).
    expect(proxy(multipartMarkAllRead({ origin: "http://localhost:4000", "sec-fetch-site": "same-site" })).status).toBe(403);
  });

  it("refuses PUT, PATCH and DELETE too, and the upload route", () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(proxy(request("/api/trpc/x", { method, headers: { origin: "https://evil.example" } })).status).toBe(403);
    }
    expect(
      proxy(request("/api/uploads?assessmentId=x&filename=a.pdf", { method: "POST", headers: { origin: "https://evil.example" } })).status,
    ).toBe(403);
  });

  it("lets a same-origin POST through, and one with no Origin (a server or CLI client)", () => {
    expect(passedThrough(proxy(multipartMarkAllRead({ origin: APP, "sec-fetch-site": "same-origin" })))).toBe(true);
    expect(passedThrough(proxy(multipartMarkAllRead({})))).toBe(true);
  });

  it("lets GET through whatever its origin (queries never change data)", () => {
    const res = proxy(request("/api/trpc/accounts.me", { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } }));
    expect(passedThrough(res)).toBe(true);
  });

  it("accepts the configured public URL as our origin behind a reverse proxy", () => {
    const previous = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "https://assess.city.example";
    try {
      const behindProxy = new NextRequest("http://10.0.0.5:3000/api/trpc/comments.post", {
        method: "POST",
        headers: { host: "10.0.0.5:3000", origin: "https://assess.city.example", "sec-fetch-site": "same-origin" },
      });
      expect(passedThrough(proxy(behindProxy))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previous;
    }
  });

  it("does not match next-auth's own routes or the GET-only open data API, and matches the others", () => {
    const [apiMatcher] = config.matcher as string[];
    const matches = (path: string) => new RegExp(`^${apiMatcher}$`).test(path);
    expect(matches("/api/trpc/notifications.markAllRead")).toBe(true);
    expect(matches("/api/uploads")).toBe(true);
    expect(matches("/api/auth/callback/credentials")).toBe(false);
    expect(matches("/api/v1/cities")).toBe(false);
  });
});

describe("the proxy localizes page addresses and sets a Content-Security-Policy on pages", () => {
  it("redirects a page address without its locale: by cookie, then Accept-Language, else English", () => {
    const plain = proxy(request("/cities/barcelona?x=1"));
    expect(plain.status).toBe(307);
    expect(new URL(plain.headers.get("location") ?? "").pathname).toBe("/en/cities/barcelona");
    expect(new URL(plain.headers.get("location") ?? "").search).toBe("?x=1");
    const chinese = proxy(request("/benchmark", { headers: { "accept-language": "zh-CN,zh;q=0.9" } }));
    expect(new URL(chinese.headers.get("location") ?? "").pathname).toBe("/zh/benchmark");
    const remembered = proxy(request("/", { headers: { cookie: "NEXT_LOCALE=zh", "accept-language": "en" } }));
    expect(new URL(remembered.headers.get("location") ?? "").pathname).toBe("/zh");
  });

  it("rewrites a filtered public page to the cache entry of its canonical filter, unknown parameters dropped", () => {
    const a = proxy(request("/en/benchmark?region=EU&cycle=2013&utm_source=x"));
    const b = proxy(request("/en/benchmark?cycle=2013&region=EU"));
    const target = a.headers.get("x-middleware-rewrite");
    expect(target).toMatch(/\/en\/benchmark\/filtered\/[A-Za-z0-9_-]+$/);
    expect(b.headers.get("x-middleware-rewrite")).toBe(target);
    expect(proxy(request("/en/benchmark?utm_source=x")).headers.get("x-middleware-rewrite")).toBeNull();
  });

  it("gives cached public pages a fixed policy without a nonce, and work pages a fresh nonce", () => {
    for (const path of ["/en", "/zh/cities", "/en/cities/barcelona", "/en/benchmark", "/en/compare", "/en/open-data"]) {
      const policy = proxy(request(path)).headers.get("content-security-policy") ?? "";
      expect(policy, path).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
      expect(policy, path).not.toContain("nonce-");
      expect(policy, path).not.toContain("unsafe-eval");
    }
    expect(proxy(request("/en/review")).headers.get("content-security-policy")).toMatch(/'nonce-/);
  });

  it("sends work pages a CSP with a fresh nonce per request, in both the response and the request Next renders", () => {
    const first = proxy(request("/en/review"));
    const second = proxy(request("/en/review"));
    const policy = first.headers.get("content-security-policy");
    expect(passedThrough(first)).toBe(true);
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(nonceOf(policy)).not.toBe(nonceOf(second.headers.get("content-security-policy")));
    // Next reads the nonce from the request's CSP header when it renders the page.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonceOf(policy));
  });

  it("adds no CSP to API responses (JSON, and the file route sets its own)", () => {
    expect(proxy(request("/api/trpc/accounts.me")).headers.get("content-security-policy")).toBeNull();
  });
});
