import { readFileSync } from "node:fs";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * The header fits every role's links at a laptop and a phone width, in English and Chinese: each link
 * is reachable (in the bar, under "More" or in the drawer), none is cut off, the page never scrolls
 * sideways, and axe finds nothing serious, also with the menu or drawer open.
 */

type Locale = "en" | "zh";
const NAV: Record<Locale, Record<string, string>> = {
  en: JSON.parse(readFileSync("messages/en/common.json", "utf8")).nav,
  zh: JSON.parse(readFileSync("messages/zh/common.json", "utf8")).nav,
};

const PUBLIC = ["cities", "benchmark", "compare", "openData"];
const ROLES: { who: string; email: string | null; links: string[] }[] = [
  { who: "anonymous visitor", email: null, links: PUBLIC },
  { who: "admin", email: "admin@demo.city", links: ["dashboard", "admin", "moderation", "leadership", "consultations", ...PUBLIC] },
  { who: "expert", email: "expert@demo.city", links: ["dashboard", "review", "moderation", "leadership", "consultations", ...PUBLIC] },
  { who: "leadership", email: "leadership.barcelona@demo.city", links: ["dashboard", "leadership", "consultations", ...PUBLIC] },
  { who: "department", email: "department.barcelona@demo.city", links: ["dashboard", "workspace", "consultations", ...PUBLIC] },
  { who: "partner", email: "partner.pudong@demo.city", links: ["dashboard", "workspace", "consultations", ...PUBLIC] },
  { who: "citizen", email: "citizen.barcelona@demo.city", links: ["dashboard", "consultations", ...PUBLIC] },
];
const VIEWPORTS = [
  { name: "laptop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
];

/**
 * Its whole text is shown (nothing cut by overflow or ellipsis) and it lies inside the viewport. A
 * badge deliberately hung over a control's edge (the bell's count) overflows visibly: with
 * `overflowVisibleOk` such overflow counts as shown when nothing clips it.
 */
async function expectNotClipped(locator: Locator, { overflowVisibleOk = false } = {}) {
  const box = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
      clips: style.overflowX !== "visible" || style.textOverflow === "ellipsis",
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      left: r.left,
      right: r.right,
      width: r.width,
      innerWidth: window.innerWidth,
    };
  });
  const name = (await locator.textContent())?.trim();
  if (!overflowVisibleOk || box.clips) expect(box.scrollWidth, `${name} is cut off`).toBeLessThanOrEqual(box.clientWidth + 1);
  expect(box.width, `${name} has no width`).toBeGreaterThan(0);
  expect(box.left, `${name} starts left of the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.right, `${name} ends right of the viewport`).toBeLessThanOrEqual(box.innerWidth + 0.5);
}

/** Console messages about blocked content (sonner's inline styles, Radix's portals) under the CSP. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (apply|load|execute)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Every visible control of the header bar (brand, links, More, language, bell, sign in/out, menu) fits. */
async function expectHeaderControlsFit(page: Page) {
  const controls = page.locator("header").first().locator("a:visible, button:visible");
  const count = await controls.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) await expectNotClipped(controls.nth(i), { overflowVisibleOk: true });
}

for (const locale of ["en", "zh"] as const) {
  for (const viewport of VIEWPORTS) {
    for (const role of ROLES) {
      test(`${locale} ${viewport.name} (${viewport.width}px): the ${role.who} reaches every header link, none cut off`, async ({
        page,
      }) => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const cspViolations = collectCspViolations(page);
        const labels = role.links.map((key) => NAV[locale][key]);
        // A visitor starts on the home page (no header link is "current" there).
        const home = role.email ? "/dashboard" : "";
        if (role.email) await signInAndWait(page, role.email);
        await page.goto(`/${locale}${home}`);
        const header = page.locator("header").first();
        // The signed-in part of the header is a client island: wait for it before measuring.
        if (role.email) await expect(page.getByTestId("notification-bell")).toBeVisible();
        else await expect(header.getByRole("link", { name: NAV[locale].signIn })).toBeVisible();

        await expectNoHorizontalOverflow(page, { elements: false });
        await expectHeaderControlsFit(page);
        await expectNoSeriousA11yViolations(page);
        const currentLabel = role.email ? NAV[locale].dashboard : null;

        if (viewport.width >= 768) {
          // In the bar, or else under "More".
          const bar = page.getByTestId("header-nav");
          if (currentLabel)
            await expect(bar.getByRole("link", { name: currentLabel, exact: true })).toHaveAttribute("aria-current", "page");
          else await expect(bar.locator("[aria-current]")).toHaveCount(0);
          const inMore: string[] = [];
          for (const label of labels) {
            const link = bar.getByRole("link", { name: label, exact: true });
            if (await link.isVisible()) await expectNotClipped(link);
            else inMore.push(label);
          }
          if (inMore.length) {
            const more = page.getByTestId("nav-more");
            // Keyboard: Enter opens the menu and focus lands on its first item.
            await more.focus();
            await page.keyboard.press("Enter");
            const menu = page.getByRole("menu");
            await expect(menu.getByRole("menuitem").first()).toBeFocused();
            for (const label of inMore) {
              const item = menu.getByRole("menuitem", { name: label, exact: true });
              await expect(item).toBeVisible();
              await expectNotClipped(item);
            }
            await expectNoSeriousA11yViolations(page);
            await page.keyboard.press("Escape");
            await expect(menu).toBeHidden();
            await expect(more).toBeFocused();
            // A link under More opens its page.
            await more.click();
            await menu.getByRole("menuitem", { name: inMore.at(-1), exact: true }).click();
          } else {
            await bar.getByRole("link", { name: labels.at(-1), exact: true }).click();
          }
        } else {
          // A menu button and a drawer with every link.
          await expect(page.getByTestId("header-nav")).toBeHidden();
          const button = page.getByTestId("nav-menu-button");
          await button.click();
          const drawer = page.getByRole("dialog", { name: NAV[locale].menuTitle });
          await expect(drawer).toBeVisible();
          for (const label of labels) {
            const link = drawer.getByRole("link", { name: label, exact: true });
            await expect(link).toBeVisible();
            await expectNotClipped(link);
          }
          if (currentLabel)
            await expect(drawer.getByRole("link", { name: currentLabel, exact: true })).toHaveAttribute("aria-current", "page");
          else await expect(drawer.locator("[aria-current]")).toHaveCount(0);
          if (role.email) await expect(drawer.getByRole("button", { name: NAV[locale].signOut })).toBeVisible();
          await expectNoSeriousA11yViolations(page);
          await page.keyboard.press("Escape");
          await expect(drawer).toBeHidden();
          await expect(button).toBeFocused();
          await button.click();
          await drawer.getByRole("link", { name: labels.at(-1), exact: true }).click();
          await expect(drawer).toBeHidden();
        }
        // The last link is Open data, whichever the role.
        await page.waitForURL(`**/${locale}/open-data`);
        await expectNoHorizontalOverflow(page, { elements: false });
        expect(cspViolations).toEqual([]);
      });
    }
  }
}

test("between the two widths the header still fits: the expert's (longest) link set at the breakpoints", async ({ page }) => {
  await signInAndWait(page, "expert@demo.city");
  for (const locale of ["en", "zh"] as const) {
    await page.goto(`/${locale}/dashboard`);
    await expect(page.getByTestId("notification-bell")).toBeVisible();
    for (const width of [640, 767, 768, 900, 1023, 1024, 1150, 1279, 1280, 1600]) {
      await page.setViewportSize({ width, height: 800 });
      await expectNoHorizontalOverflow(page, { elements: false });
      await expectHeaderControlsFit(page);
      // The bar's links and the header's other controls do not run into each other.
      const overlaps = await page.evaluate(() => {
        const header = document.querySelector("header");
        if (!header) return ["no header"];
        const boxes = [...header.querySelectorAll("a, button")]
          .filter((el) => (el as HTMLElement).offsetParent !== null && !el.closest("[role=group]"))
          .map((el) => ({ name: el.textContent?.trim() ?? "", r: el.getBoundingClientRect() }))
          .filter((b) => b.r.width > 0);
        const found: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].r;
            const b = boxes[j].r;
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
              found.push(`${boxes[i].name} / ${boxes[j].name}`);
          }
        return found;
      });
      expect(overlaps, `${locale} at ${width}px`).toEqual([]);
    }
  }
});

test("a deep work page shows where it sits, and a filter of the review queue survives back and forward", async ({ page }) => {
  await signInAndWait(page, "expert@demo.city");
  await page.goto("/en/review");
  const queue = page.getByTestId("review-queue");
  await expect(queue).toBeVisible();

  // Filters go to the URL; Back restores the previous list, Forward the filtered one.
  await page.getByLabel("Kind").selectOption("link");
  await expect(page).toHaveURL(/[?&]kind=link/);
  await page.goBack();
  await expect(page).not.toHaveURL(/kind=/);
  await expect(page.getByLabel("Kind")).toHaveValue("");
  await page.goForward();
  await expect(page.getByLabel("Kind")).toHaveValue("link");
  // A shared link opens the same filtered list.
  await page.goto(page.url());
  await expect(page.getByLabel("Kind")).toHaveValue("link");
  await page.getByLabel("Kind").selectOption("");

  await queue.getByRole("link").first().click();
  await page.waitForURL("**/en/review/evidence/**");
  const trail = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(trail.getByRole("link", { name: "Review queue" })).toHaveAttribute("href", "/en/review");
  await expect(trail.locator('[aria-current="page"]')).toHaveText((await page.getByRole("heading", { level: 1 }).textContent()) ?? "");
});

test("moderation filters live in the URL", async ({ page }) => {
  await signInAndWait(page, "expert@demo.city");
  await page.goto("/en/moderation?view=all&reason=spam");
  const filters = page.getByRole("search", { name: "Filter the queue" });
  await expect(filters.getByLabel("Reported as")).toHaveValue("spam");
  await expect(page.getByRole("button", { name: "All", exact: true })).toHaveAttribute("aria-pressed", "true");
  await filters.getByLabel("Search", { exact: true }).fill("library");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=library/);
  await page.goBack();
  await expect(filters.getByLabel("Search", { exact: true })).toHaveValue("");
  await expectNoSeriousA11yViolations(page);
});

test("a save shows a toast, and submitting for review asks first", async ({ page, browser }) => {
  // A comment in an evidence item's internal discussion: a save that changes nothing other specs read.
  const cspViolations = collectCspViolations(page);
  await signInAndWait(page, "expert@demo.city");
  await page.goto("/en/review");
  await page.getByTestId("review-queue").getByRole("link").first().click();
  await page.waitForURL("**/en/review/evidence/**");
  const thread = page.getByTestId("comment-thread");
  await thread.getByLabel("Your comment").fill(`Checked against the city's budget ${Date.now()}`);
  await thread.getByRole("button", { name: "Post comment" }).click();
  const toasts = page.getByRole("region", { name: /Notifications/ });
  await expect(toasts.getByText("Comment posted.")).toBeVisible();
  expect(cspViolations, "the toast's styles are allowed by the CSP").toEqual([]);
  await expectNoSeriousA11yViolations(page);

  // Submit for review freezes the evidence: a dialog asks, Cancel leaves the draft as it was.
  const leadership = await (await browser.newContext()).newPage();
  await signInAndWait(leadership, "leadership.barcelona@demo.city");
  await leadership.goto("/en/leadership?city=barcelona");
  const status = leadership.getByTestId("assessment-status-card").getByTestId("assessment-status");
  await expect(status).toHaveAttribute("data-status", "draft");
  await leadership.getByTestId("transition-submit_for_review").click();
  const dialog = leadership.getByRole("alertdialog", { name: "Submit the assessment for review?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectNoSeriousA11yViolations(leadership);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveAttribute("data-status", "draft");
  await leadership.context().close();
});

test("the sign-in page names the demo accounts when demo data is seeded", async ({ page }) => {
  await page.goto("/en/sign-in");
  const demo = page.getByRole("region", { name: "Demo accounts" });
  await expect(demo).toContainText("smartcity-demo");
  await demo.getByText("Show the demo accounts").click();
  await expect(demo.getByText("expert@demo.city")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
