import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signInAndWait, trpcCall } from "./helpers";

/*
 * Privacy rights (#17): a citizen downloads their data (their comment is in it), asks for their
 * account to be deleted, sees the grace-period notice and cancels; an admin changes the retention
 * setting and the public privacy page says so. The citizen cancels and the admin restores the
 * defaults, so the demo data is left as it was (plus one comment).
 */
test("a citizen downloads their data, requests deletion, sees the grace notice and cancels", async ({ page }) => {
  // The citizen writes a public comment in Barcelona's consultation.
  await signInAndWait(page, "citizen.barcelona@demo.city");
  await page.goto("/en/consultations");
  await page
    .getByRole("region", { name: "Open consultations" })
    .getByRole("link", { name: /How well does Barcelona involve you/ })
    .click();
  const thread = page.getByRole("region", { name: "Public discussion" });
  const assessmentId = await thread.getAttribute("data-assessment-id");
  const body = `Privacy e2e remark ${Date.now()}`;
  await trpcCall(page, "comments.post", { assessmentId, targetType: "assessment", targetKey: assessmentId, visibility: "public", body });

  await page.goto("/en/account/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Your data and privacy" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("download-json").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile((await file.path()) as string, "utf8"));
  expect(exported.profile.email).toBe("citizen.barcelona@demo.city");
  expect(JSON.stringify(exported.records.comments)).toContain(body);
  expect(JSON.stringify(exported)).not.toContain("password_hash");

  // Ask for deletion: a confirmation first, then the grace notice and a toast.
  await page.getByRole("button", { name: "Delete my account" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Request deletion" }).click();
  await expect(page.getByText(/Deletion requested/)).toBeVisible();
  await expect(page.getByTestId("erasure-pending")).toContainText("scheduled for deletion");
  await expectNoSeriousA11yViolations(page);
  // Every work page shows it while it is pending.
  await page.goto("/en/dashboard");
  await expect(page.getByTestId("erasure-pending-notice")).toBeVisible();

  await page.goto("/en/account/privacy");
  await page.getByRole("button", { name: "Cancel deletion" }).click();
  await expect(page.getByText("Deletion cancelled. Your account stays.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete my account" })).toBeVisible();
  await page.goto("/en/dashboard");
  await expect(page.getByTestId("erasure-pending-notice")).toHaveCount(0);
});

test("an admin changes the comment retention and the public privacy page shows it (390 px too)", async ({ page }) => {
  await signInAndWait(page, "admin@demo.city");
  await page.goto("/en/account/privacy");
  const form = page.getByRole("region", { name: "Retention settings (admin)" });
  await form.getByLabel("Comments of an erased person").selectOption("remove");
  await form.getByLabel("Grace period (days, 1–90)").fill("21");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Retention settings saved.")).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/en/privacy");
  await expect(page.getByTestId("privacy-howLongTitle")).toContainText("grace period of 21 days");
  await expect(page.getByTestId("privacy-howLongTitle")).toContainText("are removed");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yViolations(page);
  await page.goto("/zh/privacy");
  await expect(page.getByTestId("privacy-howLongTitle")).toContainText("21 天");

  // Back to the defaults for the other specs.
  await page.setViewportSize({ width: 1366, height: 900 });
  await trpcCall(page, "privacy.saveSettings", { commentRetention: "anonymise", graceDays: 14 });
});
