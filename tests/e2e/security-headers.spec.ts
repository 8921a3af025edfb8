import { expect, type Page, type Response, test } from "@playwright/test";
import { signInAndWait } from "./helpers";

/**
 * Every page carries a Content-Security-Policy and runs under it without a single violation: Next's
 * scripts, the lazily loaded recharts chunks, next-intl and Radix included. Pages rendered per
 * request get a fresh nonce; the public pages served from Next's cache (the same bytes for everyone)
 * get the fixed policy that allows only this site's scripts and inline ones (docs/security.md).
 */

type Watch = { problems: string[] };

/** Collects CSP violations (the DOM event and the console's report), policy header errors and next-intl fallbacks. */
async function watchConsole(page: Page): Promise<Watch> {
  const watch: Watch = { problems: [] };
  // Init scripts are injected by the browser's debugging protocol, not subject to the page's CSP.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|securitypolicyviolation|Permissions-Policy|ENVIRONMENT_FALLBACK/i.test(text)) {
      watch.problems.push(`${message.type()}: ${text}`);
    }
  });
  page.on("pageerror", (error) => watch.problems.push(`pageerror: ${error.message}`));
  return watch;
}

function nonceOf(policy: string): string {
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

async function expectStrictPolicy(response: Response | null): Promise<string> {
  expect(response?.status()).toBeLessThan(400);
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Every script in the server's HTML carries the nonce (Next's and our own inline one). Chunks that
  // Next's runtime adds later have none and need none: 'strict-dynamic' trusts what nonce'd scripts load.
  const nonce = nonceOf(policy);
  const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  return nonce;
}

/** The fixed policy of cached public pages: no nonce, scripts only from this site (and inline), nothing else loosened. */
async function expectCachedPagePolicy(response: Response | null): Promise<void> {
  expect(response?.status()).toBeLessThan(400);
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toContain("nonce-");
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("base-uri 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Served from the cache: the second request gets the same document.
  expect(headers["x-nextjs-cache"] ?? "").toMatch(/HIT|MISS|STALE/);
}

test("public pages are served from the cache under the fixed policy and run without a violation", async ({ page }) => {
  const watch = await watchConsole(page);
  const nonces = new Set<string>();

  await expectCachedPagePolicy(await page.goto("/en"));
  // The language switch is a client component: it works only if the page hydrated under the policy.
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await expectCachedPagePolicy(await page.goto("/en/cities"));
  await expect(page.getByRole("heading", { level: 1, name: "Cities" })).toBeVisible();

  await expectCachedPagePolicy(await page.goto("/en/cities/barcelona"));
  const radar = page.getByTestId("maturity-radar");
  await radar.hover();
  // recharts arrives as a lazily loaded chunk from this site.
  await expect(radar.locator(".recharts-wrapper")).toBeVisible();

  await expectCachedPagePolicy(await page.goto("/en/benchmark"));
  await expect(page.getByTestId("benchmark-region")).toHaveCount(2);

  // The sign-in page reads the session: rendered per request, with a fresh nonce each time.
  nonces.add(await expectStrictPolicy(await page.goto("/en/sign-in")));
  await expect(page.getByLabel("Email")).toBeVisible();
  nonces.add(await expectStrictPolicy(await page.goto("/en/sign-in")));

  expect(nonces.size).toBe(2);
  expect(watch.problems).toEqual([]);
});

test("signed-in pages run under the CSP, and /notifications formats times without next-intl fallbacks", async ({ page }) => {
  const watch = await watchConsole(page);
  await signInAndWait(page, "department.barcelona@demo.city");
  await expectStrictPolicy(await page.reload());
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");

  await expectStrictPolicy(await page.goto("/en/notifications"));
  // Relative times render once the list has loaded (in a full run, earlier specs left this user notifications).
  await expect(page.getByTestId("notification-list").or(page.getByText("No notifications."))).toBeVisible();

  await expectStrictPolicy(await page.goto("/en/workspace"));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  expect(watch.problems).toEqual([]);
});

test("a cross-site form POST to a tRPC mutation is refused, a same-origin one is not", async ({ page }) => {
  await signInAndWait(page, "department.barcelona@demo.city");
  // What a form on another site would send: multipart, no preflight, the session cookie attached.
  const forged = await page.request.post("/api/trpc/notifications.markAllRead", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    multipart: { json: "{}" },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ error: { code: "FORBIDDEN" } });

  // The app's own kind of call, from the page (the browser sets Origin and Sec-Fetch-Site itself);
  // marking an id that is not the user's changes nothing, so later specs see the same state.
  const sameOrigin = await page.evaluate(async () => {
    const res = await fetch("/api/trpc/notifications.markRead", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { ids: [crypto.randomUUID()] } }),
    });
    return { status: res.status, body: await res.text() };
  });
  expect(sameOrigin.status, sameOrigin.body).toBe(200);
});

test("the favicon and the app icon are served, and static files skip the proxy", async ({ request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  // The proxy's matcher leaves static assets alone: no per-request CSP work for them.
  const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(await (await request.get("/en")).text())?.[1];
  expect(chunk).toBeTruthy();
  for (const res of [ico, svg, await request.get(chunk!)]) {
    expect(res.status()).toBe(200);
    expect(res.headers()["content-security-policy"]).toBeUndefined();
  }
});
