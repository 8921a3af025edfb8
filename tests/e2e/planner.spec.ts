import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/*
 * The what-if planner, as the leadership group uses it: a plan ticking criteria (the levels change
 * as they are ticked, computed in the browser by the scoring core), saved; a second plan; the two
 * compared; the first published and then readable by a citizen of the city. Checks a 390 px phone
 * too. With PLANNER_SCREENSHOT=1 it also writes the guide's screenshot (docs/guides/images/planner.png).
 */

const CITY = "shanghai-pudong-new-area";

async function signedInPage(browser: Browser, email: string, width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

/** The first rateable characteristic not already at the top now, and its current level's text. */
async function characteristicToRaise(page: Page, skip?: string): Promise<{ key: string; now: string }> {
  const rows = page.getByTestId("plan-levels").locator("tbody tr");
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const key = (await row.getAttribute("data-testid"))!.replace("plan-level-", "");
    const now = (await row.locator("td").first().innerText()).trim();
    if (key !== skip && now !== "State of the art") return { key, now };
  }
  throw new Error("every characteristic is already at the top");
}

/** Ticks every criterion of one characteristic that is not met yet, and checks the planned level reaches the top. */
async function tickAll(page: Page, key: string) {
  const boxes = page.getByTestId(`plan-group-${key}`).locator('input[type="checkbox"]:not([disabled])');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await expect(page.getByTestId(`plan-level-${key}`).getByTestId("planned-level")).toHaveText("State of the art");
}

async function createPlan(page: Page, name: string, skip?: string): Promise<{ id: string; key: string }> {
  await page.goto(`/en/plans?city=${CITY}`);
  await page.getByRole("link", { name: "New plan" }).click();
  await expect(page.getByTestId("plan-editor")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  const target = await characteristicToRaise(page, skip);
  await expect(page.getByTestId(`plan-level-${target.key}`).getByTestId("planned-level")).toHaveText(target.now);
  await tickAll(page, target.key);
  await expect(page.getByTestId(`plan-level-${target.key}`)).toContainText("raised");
  if (!skip && process.env.PLANNER_SCREENSHOT) await page.screenshot({ path: "docs/guides/images/planner.png", fullPage: false });
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Plan saved.")).toBeVisible();
  await page.waitForURL(/\/en\/plans\/[0-9a-f-]{36}$/);
  return { id: page.url().split("/").pop()!, key: target.key };
}

test("leadership plans two ways forward, compares them and publishes one", async ({ browser }) => {
  const lead = await signedInPage(browser, "leadership.pudong@demo.city");
  await lead.goto(`/en/leadership?city=${CITY}`);
  await lead.getByRole("link", { name: "What-if planner" }).click();
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("What-if planner");
  await expectNoSeriousA11yViolations(lead);

  const planA = await createPlan(lead, "Plan A: first push");
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Plan A: first push");
  // Saved: the reloaded editor still shows the raised level.
  await expect(lead.getByTestId(`plan-level-${planA.key}`).getByTestId("planned-level")).toHaveText("State of the art");
  await expectNoSeriousA11yViolations(lead);
  const planB = await createPlan(lead, "Plan B: second push", planA.key);

  await lead.goto(`/en/plans?city=${CITY}`);
  await expect(lead.getByTestId("plan-list")).toContainText("Plan A: first push");
  await lead.getByLabel("First plan").selectOption(planA.id);
  await lead.getByLabel("Second plan").selectOption(planB.id);
  await lead.getByRole("button", { name: "Compare" }).click();
  await lead.waitForURL(/\/en\/plans\/compare\?/);
  const table = lead.getByTestId("plan-compare-table");
  await expect(table.locator("thead")).toContainText("Plan A: first push");
  await expect(table.locator("thead")).toContainText("Plan B: second push");
  await expect(lead.getByRole("img", { name: "Radar chart of the levels each plan would give" })).toBeVisible();
  await expect(lead.getByTestId("plan-compare-balance")).toHaveCount(2);
  await expectNoSeriousA11yViolations(lead);

  await lead.goto(`/en/plans/${planA.id}`);
  await expect(lead.getByTestId("plan-visibility")).toContainText("Private");
  await lead.getByRole("button", { name: "Publish" }).click();
  await expect(lead.getByText("Plan published.")).toBeVisible();
  await expect(lead.getByTestId("plan-visibility")).toContainText("everyone signed in can read it");

  // A citizen of the city reads the published plan (read-only) but not the private one.
  const citizen = await signedInPage(browser, "citizen.pudong@demo.city", 390);
  await citizen.goto(`/en/plans?city=${CITY}`);
  await expect(citizen.getByTestId("plan-list")).toContainText("Plan A: first push");
  await expect(citizen.getByTestId("plan-list")).not.toContainText("Plan B: second push");
  await citizen.getByRole("link", { name: "Plan A: first push" }).click();
  await expect(citizen.getByTestId("plan-levels")).toBeVisible();
  await expect(citizen.getByRole("button", { name: "Save plan" })).toHaveCount(0);
  const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await citizen.goto(`/en/plans/${planB.id}`);
  await expect(citizen.getByRole("heading", { level: 1 })).not.toHaveText("Plan B: second push");
});
