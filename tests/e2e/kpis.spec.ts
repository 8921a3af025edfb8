import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * The KPI register journey on the demo data (Barcelona's leadership): define a custom KPI with a
 * target, enter measurements and see the status follow the path, import a small CSV with one bad
 * row and see its line number. With DOCS_SCREENSHOTS=1 it writes the guide's docs/guides/images/kpis.png.
 */

const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === "1";

test.describe
  .serial("KPI register", () => {
    const name = `Households with smart meters ${Date.now()}`;
    let kpiUrl = "";

    test("leadership defines a KPI with a target, enters measurements and sees its status", async ({ page }) => {
      await signInAndWait(page, "leadership.barcelona@demo.city");
      await page.goto("/en/kpis");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("KPI register");
      await page.getByRole("link", { name: "New KPI" }).click();

      const form = page.getByTestId("kpi-form");
      await form.getByLabel("Custom indicator").check();
      await form.getByLabel("Name (English)").fill(name);
      await form.getByLabel("Name (Chinese)").fill("智能电表覆盖家庭比例");
      await form.getByLabel("Unit", { exact: true }).fill("%");
      await form.getByLabel("Kind of unit").selectOption("percentage");
      await form.getByLabel("Better when").selectOption("higher_is_better");
      // A percentage above 100 is refused in the form, in words.
      await form.getByLabel("Baseline value").fill("120");
      await form.getByLabel("Baseline year").fill("2020");
      await form.getByLabel("Target value").fill("30");
      await form.getByLabel("Target year").fill("2030");
      await form.getByRole("button", { name: "Save KPI" }).click();
      await expect(form.getByText("A percentage is between 0 and 100.")).toBeVisible();
      await form.getByLabel("Baseline value").fill("10");
      await form.getByRole("button", { name: "Save KPI" }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      kpiUrl = page.url();
      await expect(page.getByTestId("kpi-trend-chart")).toBeVisible();

      const measure = page.getByTestId("kpi-measurement-form");
      await measure.getByLabel("Year or date").fill("2025");
      await measure.getByLabel("Value", { exact: true }).fill("20");
      await measure.getByRole("button", { name: "Add measurement" }).click();
      await expect(page.getByText("Measurement saved. Status: On track.")).toBeVisible();
      await expect(page.getByTestId("kpi-status").first()).toContainText("On track");

      await measure.getByLabel("Year or date").fill("2026-06-30");
      await measure.getByLabel("Value", { exact: true }).fill("12");
      await measure.getByRole("button", { name: "Add measurement" }).click();
      await expect(page.getByTestId("kpi-status").first()).toContainText("Off track");
      await expect(page.getByTestId("kpi-measurements").getByRole("row")).toHaveCount(3);
      await expectNoSeriousA11yViolations(page);

      // The register lists it, worst first, and so does the leadership dashboard.
      await page.goto("/en/kpis");
      const register = page.getByTestId("kpi-register");
      await expect(register.getByRole("row", { name: new RegExp(name) })).toContainText("Off track");
      await expectNoSeriousA11yViolations(page);
      await page.goto("/en/leadership");
      await expect(page.getByTestId("leadership-kpis").getByRole("link", { name })).toBeVisible();
    });

    test("an import with a bad row names its line; the valid rows can be imported alone", async ({ page }) => {
      await signInAndWait(page, "leadership.barcelona@demo.city");
      const kpiId = kpiUrl.split("/").pop() ?? "";
      await page.goto("/en/kpis/import");
      const csv = `kpi,period,value\n${kpiId},2024,16\n${kpiId},2023,150\n`;
      await page.getByLabel("CSV file").setInputFiles({ name: "meters.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await expect(page.getByTestId("kpi-csv-summary")).toHaveText("2 rows checked: 1 valid, 1 with errors.");
      const errors = page.getByTestId("kpi-csv-errors");
      await expect(errors.getByRole("row").nth(1)).toContainText("3");
      await expect(errors).toContainText("150 is not a percentage between 0 and 100.");
      const importButton = page.getByRole("button", { name: "Import", exact: true });
      await expect(importButton).toBeDisabled();
      await expectNoSeriousA11yViolations(page);
      await page.getByLabel("Import only the valid rows and skip the others").check();
      await importButton.click();
      await expect(page.getByText("1 measurement imported.")).toBeVisible();
      await page.goto(kpiUrl);
      await expect(page.getByTestId("kpi-measurements")).toContainText("2024-12-31");
    });

    test("the register and a KPI fit a 390 px phone and a 1366 px screen", async ({ page }) => {
      await signInAndWait(page, "leadership.barcelona@demo.city");
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        for (const url of ["/en/kpis", kpiUrl]) {
          await page.goto(url);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${url} at ${width} px`).toBeLessThanOrEqual(0);
        }
      }
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(kpiUrl);
      await expect(page.getByTestId("kpi-trend-chart")).toBeVisible();
      if (SCREENSHOTS) await page.screenshot({ path: "docs/guides/images/kpis.png", fullPage: true });
    });
  });
