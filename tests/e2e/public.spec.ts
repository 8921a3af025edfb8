import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

const figure3 = JSON.parse(fs.readFileSync(path.join(process.cwd(), "server", "seed", "data", "figure3.json"), "utf8")) as {
  levels: string[];
  rows: {
    characteristic: string;
    region: string;
    counts: Record<string, number>;
    printed: Record<string, number>;
    printed_inconsistent?: boolean;
  }[];
};

// Anonymous visitors throughout: the public side needs no account.

test("an anonymous visitor opens a city and sees its radar chart, levels and next steps", async ({ page }) => {
  await page.goto("/en/cities");
  await expect(page.getByRole("heading", { level: 1, name: "Cities" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Barcelona/ }).getByTestId("maturity-strip")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Barcelona", exact: true }).click();
  await expect(page).toHaveURL(/\/cities\/barcelona$/);
  await expect(page.getByRole("heading", { level: 1, name: "Barcelona" })).toBeVisible();
  await expect(page).toHaveTitle(/Barcelona/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Barcelona");
  await expect(page.getByTestId("assessment-meta")).toContainText(/Assessment cycle \S+, published/);
  await expect(page.getByTestId("illustrative-notice").first()).toContainText("illustrative");

  const radar = page.getByTestId("maturity-radar");
  await expect(radar.getByRole("img", { name: /Radar chart of the maturity level of Barcelona/ })).toBeVisible();
  await expect(radar.locator("svg polygon, svg line").first()).toBeAttached();
  // The same data as a table, for screen readers and for anyone who prefers numbers.
  await expect(page.getByTestId("levels-table").locator('tr[data-characteristic="governance"]')).toContainText(
    /State of the art|More advanced|Average|Basic/,
  );

  const staircase = page.getByTestId("staircase");
  await expect(staircase.getByTestId("next-step").first()).toContainText("Next step:");
  await expect(staircase.getByTestId("next-step").first().getByRole("listitem").first()).not.toBeEmpty();
  await expectNoSeriousA11yViolations(page);

  // Pointing at the chart swaps in the interactive recharts chart.
  await radar.hover();
  await expect(radar.locator(".recharts-wrapper")).toBeVisible();

  // The public discussion loads when the visitor scrolls down to it.
  await page.getByRole("heading", { name: "Progress over time" }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("comment-thread")).toBeVisible();
});

test("an anonymous visitor opens the benchmark and downloads its CSV", async ({ page }) => {
  await page.goto("/en/benchmark");
  await expect(page.getByRole("heading", { level: 1, name: "Region benchmark" })).toBeVisible();
  await expect(page.getByTestId("benchmark-region")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("csv-download").first().click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("benchmark.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const [header, ...rows] = csv.trimEnd().split("\r\n");
  expect(header.split(",").slice(0, 4)).toEqual(["region", "characteristic", "rateable", "cities"]);
  expect(rows.filter((r) => r.startsWith("China,"))).toHaveLength(9);
  expect(rows.filter((r) => r.startsWith("EU,"))).toHaveLength(9);
});

test("on the reference dataset the benchmark table shows Figure 3's numbers", async ({ page }) => {
  await page.goto("/en/benchmark?cycle=2013");
  for (const row of figure3.rows) {
    const cityCount = row.region === "China" ? 15 : 10;
    const tableRow = page.locator(
      `[data-region="${row.region}"] [data-testid="benchmark-table"] tr[data-characteristic="${row.characteristic}"]`,
    );
    for (const level of figure3.levels) {
      const count = row.counts[level] ?? 0;
      const cell = tableRow.locator(`td[data-level="${level}"]`);
      await expect(cell, `${row.region} ${row.characteristic} ${level}`).toHaveAttribute("data-count", String(count));
      if (count === 0) continue;
      // The printed percentage where the paper's row is consistent; else the share of the counts.
      const share =
        !row.printed_inconsistent && row.printed[level] !== undefined ? row.printed[level] : Math.round((count * 100) / cityCount);
      await expect(cell).toContainText(`${share}%`);
      await expect(cell).toContainText(`(${count})`);
    }
  }
});

test("an anonymous visitor compares two cities side by side", async ({ page }) => {
  await page.goto("/en/compare");
  await page.getByLabel("Barcelona").check();
  await page.getByLabel("Shanghai Pudong New Area").check();
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/city=barcelona/);
  const comparison = page.getByTestId("comparison");
  await expect(comparison.getByRole("img", { name: /comparing the maturity levels of Barcelona, Shanghai Pudong New Area/ })).toBeVisible();
  const table = page.getByTestId("compare-table");
  await expect(table.getByRole("columnheader", { name: "Barcelona" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Shanghai Pudong New Area" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the cities list filters by region and level", async ({ page }) => {
  await page.goto("/en/cities");
  await page.getByLabel("Region").selectOption("China");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/region=China/);
  await expect(page.getByRole("link", { name: "Barcelona", exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Shanghai Pudong New Area" })).toBeVisible();
  await page.goto("/en/cities?search=zzzz-no-such-city");
  await expect(page.getByText("No city matches these filters.")).toBeVisible();
});

test("the open data page documents the API, and the API serves JSON, CSV and the OpenAPI document", async ({ page, request }) => {
  await page.goto("/en/open-data");
  await expect(page.getByRole("heading", { level: 1, name: "Open data API" })).toBeVisible();
  // One entry per path of the OpenAPI document (slices add routes; the page is generated from it).
  const documented = Object.keys((await (await request.get("/api/v1/openapi.json")).json()).paths);
  expect(documented).toEqual(expect.arrayContaining(["/api/v1/cities/{slug}/kpis", "/api/v1/kpis/{indicatorKey}/benchmark"]));
  await expect(page.getByTestId("api-endpoint")).toHaveCount(documented.length);
  await expect(page.getByText(/curl .*\/api\/v1\/benchmark\?cycle=2013/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const openapi = await request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  expect((await openapi.json()).openapi).toBe("3.1.0");
  const list = await request.get("/api/v1/assessments?cycle=2013&limit=100");
  const body = await list.json();
  expect(body.items).toHaveLength(25);
  expect(body.items.every((a: { illustrative: boolean }) => a.illustrative)).toBe(true);
  const csv = await request.get("/api/v1/cities?format=csv");
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  const missing = await request.get("/api/v1/cities/atlantis");
  expect(missing.status()).toBe(404);
});

test("a city that does not exist answers 404", async ({ page }) => {
  const response = await page.goto("/en/cities/atlantis-nowhere");
  expect(response?.status()).toBe(404);
});
