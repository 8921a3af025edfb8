import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * The good-practice finder: Pudong's leadership (demo) opens it from the leadership dashboard, narrows
 * it to EU cities, sees the cities that made its next funding step (the illustrative reference
 * data), and writes to Barcelona's leadership group through the platform; Barcelona's leadership
 * (demo) is notified and reads the message in its inbox. The finder fits 390 px and 1366 px.
 */

/** `DOCS_SCREENSHOTS=1` also writes the finder to the leadership guide's images (docs/guides/images). */
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === "1";

/** A new browser context at `width` px, signed in as a demo account. */
async function openAs(browser: Browser, email: string, width = 1366): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  await signInAndWait(page, email);
  return page;
}

test("a leadership group finds the cities that made its next step and writes to one of them", async ({ browser }) => {
  test.setTimeout(120_000);
  const pudong = await openAs(browser, "leadership.pudong@demo.city");
  await pudong.goto("/en/leadership");
  await pudong.getByRole("link", { name: "Find cities that already made these steps (good-practice finder)" }).click();
  await expect(pudong.getByRole("heading", { level: 1, name: /Good-practice finder/ })).toBeVisible();

  await pudong.getByLabel("Region").selectOption("EU");
  await pudong.getByRole("button", { name: "Show" }).click();
  await pudong.waitForURL(/region=EU/);
  const funding = pudong.getByTestId("good-practice-step-funding");
  const peers = funding.getByTestId("good-practice-peer");
  await expect(peers.first()).toBeVisible();
  const barcelona = peers.filter({ hasText: "Barcelona" });
  await expect(barcelona).toContainText(/Profile similarity \d+%/);
  await expect(barcelona).toContainText("Illustrative");
  await expect(barcelona).toContainText("One published cycle (2013)");
  if (SCREENSHOTS) await pudong.screenshot({ path: "docs/guides/images/good-practice.png", fullPage: false });
  await expectNoSeriousA11yViolations(pudong);

  await barcelona.getByRole("button", { name: "Contact their leadership group" }).click();
  const dialog = pudong.getByRole("dialog", { name: "Write to the leadership group of Barcelona" });
  await expect(dialog).toContainText("No email address is shared.");
  await dialog.getByLabel("Message").fill("Hi");
  await dialog.getByRole("button", { name: "Send message" }).click();
  await expect(dialog.getByText("Write between 10 and 2000 characters.")).toBeVisible();
  const body = "We are planning our next funding step. How did you set up funding for smart city projects?";
  await dialog.getByLabel("Message").fill(body);
  await dialog.getByRole("button", { name: "Send message" }).click();
  await expect(dialog).toBeHidden();
  await expect(barcelona.getByText("Message sent to the leadership group of Barcelona.")).toBeVisible();
  await expect(
    pudong.locator("[data-sonner-toast]").filter({ hasText: "Message sent to the leadership group of Barcelona." }),
  ).toBeVisible();

  const narrow = await openAs(browser, "leadership.pudong@demo.city", 390);
  await narrow.goto("/en/good-practice?region=EU");
  await expect(narrow.getByTestId("good-practice-step-funding")).toBeVisible();
  await expectNoHorizontalOverflow(narrow, { elements: false });

  const laia = await openAs(browser, "leadership.barcelona@demo.city");
  await laia.goto("/en/notifications");
  const notice = laia
    .getByTestId("notification-list")
    .getByRole("listitem")
    .filter({ hasText: /Li Wei of .+ sent your leadership group a message from the good-practice finder/ });
  await expect(notice).toBeVisible();
  await notice.getByRole("link", { name: "Open" }).click();
  await laia.waitForURL(/\/en\/good-practice\/inbox/);
  const inbox = laia.getByTestId("good-practice-inbox");
  await expect(inbox).toContainText(body);
  await expect(inbox).toContainText(/Li Wei \(leadership group\)/);
  await expect(inbox).not.toContainText("@demo.city");
});
