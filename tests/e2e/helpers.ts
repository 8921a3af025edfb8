import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "smartcity-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/en/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAndWait(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL("**/dashboard");
}

/** No serious or critical accessibility violations on the current page. */
export async function expectNoSeriousA11yViolations(page: Page) {
  // Next streams a dynamic page's metadata after its body: wait for the <title> rather than let axe
  // catch the page before it (a flaky "document-title" on a loaded machine).
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/**
 * The page does not scroll sideways, and (unless `elements: false`, for pages whose wide tables
 * scroll inside their own region) nothing in <main> reaches past the window's right edge (names the
 * first five that do).
 */
export async function expectNoHorizontalOverflow(page: Page, options: { elements?: boolean } = {}) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    wide: [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80))
      .slice(0, 5),
  }));
  if (options.elements !== false) expect(overflow.wide, `${page.url()}: elements past the right edge`).toEqual([]);
  expect(overflow.page, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** A tRPC call over HTTP with the page's session cookie (superjson envelope); fails the test on an error answer. */
export async function trpcCall<T>(page: Page, path: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const res =
    kind === "query"
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.text();
  expect(res.ok(), `${path}: ${body}`).toBe(true);
  return JSON.parse(body).result.data.json as T;
}
