import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * Single sign-on for city staff against a real OpenID Connect provider (panva's oidc-provider,
 * started as a Playwright webServer from tests/helpers/oidc-provider.ts, with its dev login form:
 * the login typed is the account id, any password).
 */

/** From the app's sign-in page through the provider's login form. */
async function signInWithCityAccount(page: Page, login: string) {
  await page.goto("/en/sign-in");
  await page.getByRole("button", { name: "Sign in with your city account" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function freshPage(browser: Browser, width?: number) {
  const context = await browser.newContext(width ? { viewport: { width, height: 900 } } : {});
  return context.newPage();
}

/** `DOCS_SCREENSHOTS=1` also writes the pages to the admin guide's images (docs/guides/images/sso-*). */
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === "1";

/** Fits the window without sideways scrolling, no serious axe violation; the docs screenshot when asked. */
async function expectFitsAndAccessible(page: Page, name: string, width: number) {
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  if (SCREENSHOTS) await page.screenshot({ path: `docs/guides/images/sso-${name}-${width}.png`, fullPage: true });
}

test("a demo department account signs in with its city account: linked by verified e-mail, lands in its workspace", async ({ page }) => {
  await signInWithCityAccount(page, "pudong-department");
  await page.waitForURL("**/en/dashboard");
  // The same session as a password sign-in: the workspace of Pudong's department.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Pudong").first()).toBeVisible();
  const viewer = await page.request.get("/api/auth/session");
  expect(((await viewer.json()) as { user?: { email?: string } }).user?.email).toBe("department.pudong@demo.city");
});

test("cancelling at the provider (access_denied) comes back to the sign-in page with a friendly message", async ({ page }) => {
  await page.goto("/en/sign-in");
  await page.getByRole("button", { name: "Sign in with your city account" }).click();
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await page.waitForURL(/\/en\/sign-in\?/);
  const alert = page.getByTestId("sso-error");
  await expect(alert).toContainText("was cancelled or refused");
  // No internals: no provider error text, no stack, no next-auth error page.
  await expect(page.locator("body")).not.toContainText(/access_denied|End-User aborted|Error:/);
  // Password sign-in still works beside it.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
});

test("a new city account waits for an administrator; once the admin revokes it, it is refused", async ({ browser }) => {
  const staff = await freshPage(browser);
  await signInWithCityAccount(staff, "new-staff");
  await expect(staff.getByTestId("sso-waiting")).toHaveText("Waiting for an administrator");

  // The admin (password sign-in) sees the pending account and revokes single sign-on for it.
  const admin = await freshPage(browser);
  await signInAndWait(admin, "admin@demo.city");
  await admin.goto("/en/admin");
  await admin.getByTestId("admin-sso-link").click();
  const row = admin.getByTestId("sso-accounts").locator("li", { hasText: "new.staff@city.example" });
  await expect(row).toContainText("Waiting for a role");
  await row.getByRole("button", { name: "Revoke single sign-on" }).click();
  await expect(row).toContainText("Single sign-on revoked");

  // Signed out at once, and the next sign-in through the provider is refused.
  const blocked = await freshPage(browser);
  await signInWithCityAccount(blocked, "new-staff");
  await blocked.waitForURL(/\/en\/sign-in\?/);
  await expect(blocked.getByTestId("sso-error")).toContainText("Single sign-on has been turned off for this account");
  await staff.goto("/en/dashboard");
  await staff.waitForURL(/\/en\/sign-in\?callbackUrl=/);
});

for (const width of [390, 1366]) {
  test(`the sign-in page with its single sign-on button, the waiting page and /admin/sso fit ${width} px and have no serious axe violations`, async ({
    browser,
  }) => {
    const visitor = await freshPage(browser, width);
    await visitor.goto("/en/sign-in");
    await expect(visitor.getByRole("button", { name: "Sign in with your city account" })).toBeVisible();
    await expectFitsAndAccessible(visitor, "sign-in", width);

    // A new city account that no administrator has given a role yet.
    await signInWithCityAccount(visitor, "waiting-staff");
    await expect(visitor.getByTestId("sso-waiting")).toHaveText("Waiting for an administrator");
    await expectFitsAndAccessible(visitor, "waiting", width);

    const admin = await freshPage(browser, width);
    await signInAndWait(admin, "admin@demo.city");
    await admin.goto("/en/admin/sso");
    const waitingRow = admin.getByTestId("sso-accounts").locator("li", { hasText: "waiting.staff@city.example" });
    await expect(waitingRow).toContainText("Waiting for a role");
    // Each row reads as a person, not a sliver: the e-mail takes at most two lines (at 390 px it was
    // broken one character a line beside the badge), and each same-named button says whose account it is.
    for (const email of await admin.getByTestId("sso-account-email").all()) {
      const lines = await email.evaluate((el) => el.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(el).lineHeight));
      expect(lines, `${await email.textContent()} is squeezed`).toBeLessThanOrEqual(2);
    }
    await expect(waitingRow.getByRole("button", { name: "Revoke single sign-on" })).toHaveAccessibleDescription(
      "waiting.staff@city.example",
    );
    await expectFitsAndAccessible(admin, "admin", width);
    await visitor.context().close();
    await admin.context().close();
  });
}
