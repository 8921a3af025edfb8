import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * Search (demo data): Barcelona's leadership opens the search with "/", types a word, sees the
 * results grouped by kind, moves to one with the arrow keys and opens it. A citizen of Pudong opens
 * the search with Ctrl+K and never sees Barcelona's private (rejected, draft) evidence. Anonymous
 * visitors use the full results page. The dialog fits 390 px and 1366 px.
 */

const PRIVATE_TITLE = "Sensor data platform pricing (pay-as-you-go)";

async function openAs(browser: Browser, email: string | null, width = 1366): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  if (email) await signInAndWait(page, email);
  return page;
}

test("a member opens search with /, sees grouped results and opens one with the keyboard", async ({ browser }) => {
  const page = await openAs(browser, "leadership.barcelona@demo.city");
  await page.locator("body").press("/");
  const dialog = page.getByTestId("search-dialog");
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("searchbox", { name: "Search cities, criteria, evidence, discussions and consultations" });
  await expect(input).toBeFocused();
  await input.fill("sensor");
  const evidenceGroup = dialog.getByTestId("search-group-evidence");
  await expect(evidenceGroup.getByRole("heading", { name: "Evidence" })).toBeVisible();
  await expect(evidenceGroup.getByRole("link", { name: new RegExp(PRIVATE_TITLE.replace(/[()]/g, "\\$&")) })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // Arrow down from the field to the first result, Enter opens it.
  await input.fill(PRIVATE_TITLE);
  // The new query's results replaced the previous ones: the evidence and "See all results".
  await expect(dialog.locator("[data-search-result]")).toHaveCount(2);
  // Arrow down from the field into the results, on to the evidence (other groups may come first).
  await input.press("ArrowDown");
  await expect(page.locator(":focus")).toHaveAttribute("data-search-result", "true");
  const target = dialog.getByTestId("search-group-evidence").getByRole("link");
  for (let i = 0; i < 10 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/en\/workspace\/evidence\//);
  await expect(page.getByText(PRIVATE_TITLE).first()).toBeVisible();
});

test("a citizen of another city never sees Barcelona's private evidence", async ({ browser }) => {
  const page = await openAs(browser, "citizen.pudong@demo.city", 390);
  await page.keyboard.press("Control+k");
  const dialog = page.getByTestId("search-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("searchbox").fill("sensor data platform pricing");
  await expect(dialog.getByTestId("search-empty")).toContainText("No results for “sensor data platform pricing”.");
  await expect(dialog).not.toContainText(PRIVATE_TITLE);
  await expectNoHorizontalOverflow(page, { elements: false });
});

test("anyone searches public content on the results page (Chinese too)", async ({ browser }) => {
  const page = await openAs(browser, null);
  await page.goto(`/en/search?q=${encodeURIComponent("Barcelona")}`);
  await expect(page.getByTestId("search-group-city").getByRole("link", { name: /Barcelona/ })).toBeVisible();
  await expect(page.getByText(PRIVATE_TITLE)).toHaveCount(0);
  await expectNoHorizontalOverflow(page, { elements: false });
  await page.goto(`/zh/search?q=${encodeURIComponent("战略")}`);
  await expect(page.getByTestId("search-group-criterion").getByRole("link").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a member finds evidence by what it says, not only its title; others never by its content", async ({ browser }) => {
  const page = await openAs(browser, "leadership.barcelona@demo.city");
  await page.goto(`/en/search?q=${encodeURIComponent("steering committee")}`);
  // The phrase is in a narrative's answer (Barcelona's draft), not in its title.
  const evidence = page.getByTestId("search-group-evidence");
  await expect(evidence.getByRole("link", { name: /How the smart city vision fits the city vision/ })).toBeVisible();
  await expect(evidence).toContainText("steering committee");
  await expectNoSeriousA11yViolations(page);

  const outsider = await openAs(browser, "citizen.pudong@demo.city");
  await outsider.goto(`/en/search?q=${encodeURIComponent("steering committee")}`);
  await expect(outsider.getByTestId("search-empty")).toBeVisible();
  await expect(outsider.getByText("How the smart city vision")).toHaveCount(0);
});

test("a Chinese visitor finds a pilot city by its Chinese name", async ({ browser }) => {
  const page = await openAs(browser, null, 390);
  await page.goto(`/zh/search?q=${encodeURIComponent("巴塞罗那")}`);
  await expect(page.getByTestId("search-group-city").getByRole("link", { name: /巴塞罗那/ })).toBeVisible();
  await expectNoHorizontalOverflow(page, { elements: false });
});
