import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signIn, signInAndWait, trpcCall } from "./helpers";

// Without SMTP_URL the server writes every mail as an .eml file beside its embedded database
// (PGLITE_DATA_DIR=<E2E_DATA_DIR>/pglite → <E2E_DATA_DIR>/mail); the worker sends within a poll.
const mailDir = path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "mail");

/** The newest mail to `to` whose subject is `subject`, once the worker has written it. */
async function mailTo(to: string, subject: string) {
  let found: Awaited<ReturnType<typeof simpleParser>> | undefined;
  await expect
    .poll(
      async () => {
        const files = await readdir(mailDir).catch(() => [] as string[]);
        for (const file of files.sort().reverse()) {
          const raw = await readFile(path.join(mailDir, file));
          if (!raw.includes(to)) continue;
          const parsed = await simpleParser(raw);
          if (parsed.subject === subject) {
            found = parsed;
            return true;
          }
        }
        return false;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

function linkIn(text: string | undefined, pathPart: string): string {
  const match = text?.match(new RegExp(`https?://\\S+${pathPart}\\S+`));
  if (!match) throw new Error(`no ${pathPart} link in ${text}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

test("forgot password: the mailed link sets a new password, and the admin sees the mail", async ({ page, browser }) => {
  const email = `forgetful-${Date.now()}@example.test`;
  await trpcCall(page, "accounts.signUp", { email, name: "Forgetful Citizen", password: "first-password-of-mine-1" });

  // The sign-up mail confirms the address.
  const verification = await mailTo(email, "Confirm your e-mail address");
  expect(verification.html).toContain("Confirm my address");
  await page.goto(linkIn(verification.text, "/en/verify-email"));
  await expect(page.getByText("Thank you: your e-mail address is confirmed.")).toBeVisible();

  await page.goto("/en/sign-in");
  await page.getByTestId("forgot-password-link").click();
  await expect(page).toHaveURL(/\/en\/forgot-password$/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("forgot-done")).toBeVisible();

  const reset = await mailTo(email, "Reset your password");
  await page.goto(linkIn(reset.text, "/en/reset-password"));
  await page.getByLabel("New password").fill("second-password-of-mine-2");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByTestId("reset-done")).toBeVisible();

  // The link is single-use.
  await page.goto(linkIn(reset.text, "/en/reset-password"));
  await expect(page.getByText("This link is invalid, used or expired.")).toBeVisible();

  await signIn(page, email, "second-password-of-mine-2");
  await page.waitForURL("**/dashboard");

  const admin = await browser.newPage();
  await signInAndWait(admin, "admin@demo.city");
  await admin.goto("/en/admin/mail");
  const row = admin.getByTestId("mail-list").locator("li", { hasText: email }).filter({ hasText: "Reset your password" });
  await expect(row).toContainText("Sent");
  await row.getByRole("link", { name: "Reset your password" }).click();
  await expect(admin.getByTestId("mail-recipient")).toHaveText(email);
  await expect(admin.getByTestId("mail-text")).toContainText("/en/reset-password?token=");
  await admin.close();
});

/** A fresh citizen (signed up over the API, so no other spec's demo account changes), signed in on `page`. */
async function signUpAndSignIn(page: Page, prefix: string, signInPath = "/en/sign-in") {
  const email = `${prefix}-${Date.now()}@example.test`;
  const password = "digest-setting-password-5";
  await trpcCall(page, "accounts.signUp", { email, name: "Digest Settings Citizen", password });
  await page.goto(signInPath);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL("**/dashboard");
  return email;
}

test("notification e-mails: each frequency is saved with a toast and kept after a reload, at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpAndSignIn(page, "digest");
  await page.goto("/en/notifications");
  const form = page.getByRole("region", { name: "Notification e-mails" });
  const frequency = form.getByLabel("Send me notification e-mails");
  await expect(frequency).toHaveValue("daily");
  await expectNoSeriousA11yViolations(page);
  await expectNoHorizontalOverflow(page);

  for (const [value, label] of [
    ["weekly", "Weekly digest"],
    ["immediate", "Immediately"],
    ["daily", "Daily digest"],
  ] as const) {
    await frequency.selectOption({ label });
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Your e-mail settings are saved." }).first()).toBeVisible();
    await page.reload();
    await expect(frequency).toHaveValue(value);
    expect((await trpcCall<{ digest: string }>(page, "mail.settings", undefined, "query")).digest).toBe(value);
  }
  await expectNoSeriousA11yViolations(page);
});

test("mail language: signing in from a Chinese page makes it Chinese; switching the site to English switches it", async ({ page }) => {
  await signUpAndSignIn(page, "switcher", "/zh/sign-in");
  await expect(page).toHaveURL(/\/zh\/dashboard$/);
  const mailLocale = async () => (await trpcCall<{ locale: string }>(page, "mail.settings", undefined, "query")).locale;
  expect(await mailLocale()).toBe("zh");

  await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).first().click();
  await page.waitForURL(/\/en\/dashboard$/);
  await expect.poll(mailLocale).toBe("en");
  await page.goto("/en/notifications");
  await expect(page.getByLabel("E-mail language")).toHaveValue("en");
});
