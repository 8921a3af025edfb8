import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * The assessment report (PDF): downloaded from the public city page (a published assessment, in
 * Chinese) and from the leadership dashboard (the city's assessment in progress, marked draft).
 */

test("a visitor downloads the published assessment's report in Chinese from the city page", async ({ page }) => {
  await page.goto("/en/cities/barcelona");
  const form = page.getByTestId("report-download");
  await expect(form).toBeVisible();
  await form.getByLabel("Report language").selectOption("zh");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("button", { name: "Download report (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/-zh\.pdf$/);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
  expect(text).toContain("智慧城市成熟度评估");
  expect(text).toContain("巴塞罗那");
  expect(text).not.toContain("草稿");
  await expectNoSeriousA11yViolations(page);
});

test("the leadership group downloads its assessment in progress, marked draft; others cannot", async ({ page, request }) => {
  await signInAndWait(page, "leadership.barcelona@demo.city");
  await page.goto("/en/leadership");
  const form = page.getByTestId("report-download");
  await expect(form).toBeVisible();
  const action = await form.getAttribute("action");
  expect(action).toMatch(/^\/api\/assessments\/[0-9a-f-]{36}\/report$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("button", { name: "Download report (PDF)" }).click(),
  ]);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
  expect(text).toContain("Barcelona");
  for (const pageText of text.split("\f").filter((p) => p.trim())) expect(pageText).toContain("DRAFT");

  // Anonymous callers and the open data API never get an unpublished report.
  expect((await request.get(`${action}?lang=en`)).status()).toBe(401);
  expect((await request.get(`/api/v1${action!.slice("/api".length)}?lang=en`)).status()).toBe(404);
});
