import { expect, test } from "@playwright/test";
import { signInAndWait } from "./helpers";

// Issue 11, section 9: on /admin, Barcelona was chosen before the page finished loading, the list
// still read "Members of Amsterdam" and the invitation was created for Amsterdam.
test("the city an admin chooses is the one the invitation goes to, confirmed with city, role and email", async ({ page }) => {
  await signInAndWait(page, "admin@demo.city");

  // Hold the page's scripts back (not its styles, which the parser waits for): what the admin sees
  // first is the server-rendered page.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("/en/admin", { waitUntil: "commit" });
  const city = page.getByTestId("admin-city");
  // Not choosable before the page is interactive (a choice then was silently ignored).
  await expect(city).toBeDisabled();
  await expect(page.getByTestId("review-invite")).toBeDisabled();
  release();
  // The first page after the server starts loads every chunk cold; on a loaded 2-core CI machine
  // hydration has taken more than the default 10 s.
  await expect(city).toBeEnabled({ timeout: 30_000 });

  await city.selectOption({ label: "Barcelona" });
  await expect(page.getByTestId("members-heading")).toHaveText("Members of Barcelona");
  await expect(page.getByTestId("invite-heading")).toHaveText("Invite a member to Barcelona");
  const email = `invitee-${Date.now()}@example.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Leadership group" });
  await page.getByTestId("review-invite").click();

  const confirmation = page.getByTestId("invite-confirmation");
  await expect(confirmation.getByTestId("confirm-city")).toHaveText("Barcelona");
  await expect(confirmation.getByTestId("confirm-role")).toHaveText("Leadership group");
  await expect(confirmation.getByTestId("confirm-email")).toHaveText(email);
  await page.getByTestId("confirm-invite").click();

  await expect(page.getByTestId("invite-created")).toHaveText(`Invitation created for ${email} as Leadership group in Barcelona.`);
  const pending = page.getByTestId("pending-invitations");
  await expect(pending).toContainText(email);

  const row = pending.locator("li", { hasText: email });
  await row.getByRole("button", { name: "Revoke invitation" }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toHaveCount(0);
});
