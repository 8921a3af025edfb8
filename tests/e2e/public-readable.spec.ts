import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * Public pages people can read (issue 14): the city page's progress as a characteristic × cycle
 * grid with the level in words in every cell, the benchmark's Figure 3 side by side with notes on
 * the two misprinted rows and legal & regulatory as "no maturity criteria", city and country names
 * in Chinese on the Chinese pages, numbers typed the way people write them, and no page wider than
 * the screen at 390 px or 1366 px.
 */

const figure3 = JSON.parse(fs.readFileSync(path.join(process.cwd(), "server", "seed", "data", "figure3.json"), "utf8")) as {
  levels: string[];
  rows: { characteristic: string; region: string; counts: Record<string, number>; printed_inconsistent?: boolean }[];
};

const LEVEL_NAMES: Record<string, string> = {
  not_yet_addressed: "Not yet addressed",
  basic: "Basic",
  average: "Average",
  more_advanced: "More advanced",
  state_of_the_art: "State of the art",
  not_assessed: "Not assessed",
};
const RATEABLE_CHARACTERISTICS = 8;

test("the city page shows progress as a grid where every characteristic × cycle cell names its level", async ({ page, request }) => {
  const city = await (await request.get("/api/v1/cities/barcelona")).json();
  const cycles: string[] = city.history.map((h: { cycle: string }) => h.cycle);
  expect(cycles.length).toBeGreaterThan(0);

  await page.goto("/en/cities/barcelona");
  const grid = page.getByTestId("progress-grid");
  await expect(grid).toBeVisible();
  await expect(grid.locator("thead th[scope=col]")).toHaveText(["Characteristic", ...cycles]);
  const rows = grid.locator("tbody tr");
  await expect(rows).toHaveCount(RATEABLE_CHARACTERISTICS);
  const cells = grid.getByTestId("progress-cell");
  await expect(cells).toHaveCount(RATEABLE_CHARACTERISTICS * cycles.length);
  for (let i = 0; i < RATEABLE_CHARACTERISTICS * cycles.length; i++) {
    const cell = cells.nth(i);
    const level = (await cell.getAttribute("data-level")) ?? "";
    // The level in words, matching the cell's data and the published levels.
    await expect(cell.getByTestId("progress-level")).toHaveText(LEVEL_NAMES[level]);
  }
  const governance = grid.locator('tr[data-characteristic="governance"] [data-testid="progress-cell"]').last();
  await expect(governance).toHaveAttribute("data-level", city.history.at(-1).levels.governance);
  // The first cycle has nothing to compare with; later ones say the change to screen readers too.
  await expect(cells.first()).toHaveAttribute("data-change", "");
  if (cycles.length > 1) await expect(cells.nth(1)).toContainText(`since ${cycles[0]}`);
  // The old line chart is gone, the CSV stays.
  await expect(page.getByRole("img", { name: /Line chart/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Progress over time" }).getByTestId("csv-download")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the benchmark shows Figure 3 side by side, notes the two misprinted rows and has no maturity criteria for legal & regulatory", async ({
  page,
}) => {
  await page.goto("/en/benchmark?cycle=2013");
  const table = page.getByTestId("figure3-table");
  await expect(page.getByRole("heading", { name: "EU and China side by side (Figure 3)" })).toBeVisible();
  // Levels across (the five rungs and not assessed), each with the two regions under it.
  await expect(table.locator("thead tr").first().locator("th[scope=colgroup]")).toHaveText(Object.values(LEVEL_NAMES));
  await expect(table.locator("thead tr").nth(1).locator("th")).toHaveText(Array(6).fill(["EU", "China"]).flat());

  // Every cell of the printed figure, for both regions, with the dataset's counts.
  for (const row of figure3.rows) {
    const tableRow = table.locator(`tr[data-characteristic="${row.characteristic}"]`);
    for (const level of figure3.levels) {
      await expect(tableRow.locator(`td[data-region="${row.region}"][data-level="${level}"]`)).toHaveAttribute(
        "data-count",
        String(row.counts[level] ?? 0),
      );
    }
  }

  // Footnote markers on exactly the two EU rows the paper printed wrong, and their notes in the page.
  const misprinted = figure3.rows.filter((r) => r.printed_inconsistent).map((r) => r.characteristic);
  expect(misprinted.sort()).toEqual(["smart_city_strategy", "stakeholders"]);
  const noted = await table
    .locator("tbody tr[data-note=true]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-characteristic")));
  expect(noted.sort()).toEqual(misprinted);
  const notes = page.getByTestId("figure3-note");
  await expect(notes).toHaveCount(2);
  await expect(notes.filter({ hasText: "Smart City Strategy" })).toContainText("(109 %)");
  await expect(notes.filter({ hasText: "Stakeholders" })).toContainText("(90 %)");
  await expect(notes.first()).toContainText("nearest consistent counts");
  await table.locator('tr[data-characteristic="stakeholders"]').getByTestId("figure3-note-ref").click();
  await expect(page).toHaveURL(/#figure3-note-\d$/);

  // Legal & regulatory: "no maturity criteria" in the side-by-side table, each region's table and bars; never "100 %".
  const legal = table.locator('tr[data-characteristic="legal_regulatory_policies"]');
  await expect(legal).toHaveAttribute("data-status", "no_maturity_criteria");
  await expect(legal.getByTestId("no-maturity-criteria")).toContainText("no maturity criteria");
  await expect(page.getByTestId("benchmark-region")).toHaveCount(2);
  for (const region of await page.getByTestId("benchmark-region").all()) {
    const regionLegal = region.locator('[data-testid="benchmark-table"] tr[data-characteristic="legal_regulatory_policies"]');
    await expect(regionLegal).toContainText("no maturity criteria");
    await expect(regionLegal).not.toContainText("100");
    await expect(region.locator('[data-testid="unrated-bar-row"][data-characteristic="legal_regulatory_policies"]')).toContainText(
      "no maturity criteria",
    );
  }
  await expect(page.getByTestId("csv-download").first()).toContainText("no maturity criteria");
  await expectNoSeriousA11yViolations(page);
});

test("the Chinese pages name cities and countries in Chinese", async ({ page }) => {
  await page.goto("/zh/cities");
  const barcelona = page.getByRole("row", { name: /巴塞罗那/ });
  await expect(barcelona.getByRole("link", { name: "巴塞罗那", exact: true })).toBeVisible();
  await expect(barcelona).toContainText("西班牙");
  await expect(page.getByRole("link", { name: "上海浦东新区", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Barcelona", exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.goto("/zh/cities/barcelona");
  await expect(page.getByRole("heading", { level: 1, name: "巴塞罗那" })).toBeVisible();
  await expect(page.locator("main")).toContainText("西班牙");
  await expect(page).toHaveTitle(/巴塞罗那/);
  await expect(page.getByTestId("progress-grid").locator("caption")).toContainText("巴塞罗那");
  await expect(page.getByTestId("progress-grid").getByTestId("progress-level").first()).toHaveText(
    /^(尚未涉及|基础|中等|较先进|最先进|未评估)$/,
  );
  await expectNoSeriousA11yViolations(page);

  await page.goto("/zh/benchmark");
  await expect(page.getByRole("heading", { name: "欧盟与中国并列对比（图 3）" })).toBeVisible();
  await expect(page.getByTestId("figure3-table").locator("thead tr").nth(1).locator("th").first()).toHaveText("欧盟");
  await expect(page.getByTestId("figure3-table").getByTestId("no-maturity-criteria")).toContainText("无成熟度标准");
  await expect(page.getByTestId("figure3-note").first()).toContainText("白皮书此行印刷为");
  await expectNoSeriousA11yViolations(page);

  await page.goto("/zh/compare?city=barcelona&city=shanghai-pudong-new-area");
  await expect(page.getByTestId("compare-table").getByRole("columnheader", { name: "巴塞罗那" })).toBeVisible();
  await expect(page.getByTestId("compare-table").getByRole("columnheader", { name: "上海浦东新区" })).toBeVisible();
});

test("a department adds a KPI whose value is written 1,250, and reads it back in the same notation", async ({ page }) => {
  const title = `Street lights on the smart grid ${Date.now().toString(36)}`;
  await signInAndWait(page, "department.barcelona@demo.city");
  await page.goto("/en/workspace");
  await page.getByTestId("characteristic-grid").getByRole("link", { name: "Smart City Strategy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Smart City Strategy" })).toBeVisible();
  await page.getByRole("tab", { name: "KPI" }).click();
  const kpiForm = page.getByRole("form", { name: "Add a KPI" });
  const value = kpiForm.getByLabel("Value", { exact: true });
  await expect(value).toHaveAttribute("type", "text");
  await expect(value).toHaveAttribute("inputmode", "decimal");
  await kpiForm.getByLabel("Title", { exact: true }).fill(title);
  await kpiForm.getByLabel("Indicator", { exact: true }).fill("Street lights connected");
  await value.fill("1,250");
  await kpiForm.getByLabel("Unit", { exact: true }).fill("lights");
  await kpiForm.getByLabel("Target (optional)", { exact: true }).fill("2 000,5");
  await kpiForm.getByLabel("Date measured", { exact: true }).fill("2025-06-30");
  await kpiForm.getByRole("button", { name: "Preview" }).click();
  await expect(kpiForm.getByTestId("evidence-preview")).toContainText("1,250 lights");
  await expect(kpiForm.getByTestId("evidence-preview")).toContainText("2,000.5 lights");
  await kpiForm.getByRole("button", { name: "Submit evidence" }).click();
  const submitted = kpiForm.getByRole("status").filter({ hasText: "Evidence submitted" });
  await expect(submitted).toBeVisible();
  await expect(kpiForm.getByText("must be a number")).toHaveCount(0);

  // Stored as the number 1250 and shown in the reader's notation.
  await submitted.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator("main")).toContainText("1,250 lights");
});

for (const width of [390, 1366]) {
  test(`public pages fit a ${width} px window without horizontal scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const address of [
      "/en/cities",
      "/en/cities/barcelona",
      "/en/benchmark",
      "/zh/cities",
      "/zh/cities/barcelona",
      "/zh/benchmark",
      "/en/compare?city=barcelona&city=shanghai-pudong-new-area",
    ]) {
      await page.goto(address);
      await expect(page.locator("h1")).toBeVisible();
      await expectNoHorizontalOverflow(page, { elements: false });
    }
    await expectNoSeriousA11yViolations(page);
  });
}
