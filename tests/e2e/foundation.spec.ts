import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signIn, signInAndWait } from "./helpers";

test("the health endpoint reports app and database ok", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ app: "ok", database: { status: "ok" } });
});

test("a department user signs in and sees the city dashboard", async ({ page }) => {
  await signInAndWait(page, "department.barcelona@demo.city");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  const memberships = page.getByTestId("city-memberships");
  await expect(memberships).toContainText("Barcelona");
  await expect(memberships).toContainText("City department");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspace" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("switching to Chinese translates the navigation", async ({ page }) => {
  await page.goto("/en");
  await page.getByRole("button", { name: "中文" }).click();
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "城市", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "区域对比" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("a wrong password shows an error and creates no session", async ({ page }) => {
  await signIn(page, "department.barcelona@demo.city", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await expectNoSeriousA11yViolations(page);
});
