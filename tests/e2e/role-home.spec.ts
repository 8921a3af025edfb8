import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * Each role's home page (/dashboard) says what waits on it today, counted live, with links to the
 * pages that deal with it; it fits a 390 px phone and a 1366 px laptop without horizontal
 * scrolling, and axe finds nothing serious. The counts follow the data: a department submits an
 * item, the expert sees it waiting in Barcelona, requests changes, and the department's home shows
 * the change request.
 */
const ACCOUNTS = [
  { role: "expert", email: "expert@demo.city", section: "role-home-expert" },
  { role: "admin", email: "admin@demo.city", section: "role-home-admin" },
  { role: "leadership", email: "leadership.barcelona@demo.city", section: "role-home-leadership" },
  { role: "department", email: "department.barcelona@demo.city", section: "role-home-department" },
  { role: "partner", email: "partner.barcelona@demo.city", section: "role-home-partner" },
  { role: "citizen", email: "citizen.barcelona@demo.city", section: "role-home-citizen" },
] as const;

/** `DOCS_SCREENSHOTS=1` also writes each home page to the role guides' images (docs/guides/images). */
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === "1";

async function signedInPage(browser: Browser, email: string, width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

async function trpc<T>(page: Page, path: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const res =
    kind === "query"
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.text();
  expect(res.ok(), `${path}: ${body}`).toBe(true);
  return JSON.parse(body).result.data.json as T;
}

/** The number a count tile shows. */
async function countOf(tile: Locator): Promise<number> {
  return Number(await tile.locator("[data-count]").getAttribute("data-count"));
}

test("each role's home shows its live counts and the links to act on them", async ({ browser }) => {
  test.setTimeout(120_000);
  const department = await signedInPage(browser, "department.barcelona@demo.city");
  const dashboard = await trpc<{ current: { assessment: { id: string; status: string } } }>(
    department,
    "workflow.leadershipDashboard",
    {
      cityId: (await trpc<{ id: string; slug: string }[]>(department, "cities.list", {}, "query")).find((c) => c.slug === "barcelona")?.id,
    },
    "query",
  );
  const before = await countOf(department.getByTestId("contributor-awaiting-review"));
  const item = await trpc<{ id: string }>(department, "evidence.submit", {
    assessmentId: dashboard.current.assessment.id,
    characteristicKey: "governance",
    kind: "link",
    title: "Barcelona open government portal",
    criterionKeys: [],
    payload: { url: "https://example.org/barcelona/open-government", description: "Where the city publishes its decisions." },
  });
  await department.reload();
  await expect(department.getByTestId("contributor-awaiting-review").locator("[data-count]")).toHaveAttribute(
    "data-count",
    String(before + 1),
  );

  // Expert: items waiting per city, oldest first, each with a link to the queue for that city.
  const expert = await signedInPage(browser, "expert@demo.city");
  const home = expert.getByTestId("role-home-expert");
  await expect(home.getByRole("heading", { level: 2, name: "Review desk" })).toBeVisible();
  const barcelona = home.getByTestId("expert-city-waiting").filter({ hasText: "Barcelona" });
  expect(await countOf(barcelona)).toBeGreaterThanOrEqual(1);
  await expect(barcelona.getByRole("link")).toHaveAttribute("href", "/en/review?city=barcelona");
  await expect(home.getByTestId("expert-total-waiting")).toContainText(/\d+ items? waits? in \d+ (city|cities)/);
  await expect(home.getByRole("link", { name: /Open the review queue/ })).toHaveAttribute("href", "/en/review");

  // The expert asks for changes: the department's home shows it, linked to the filtered workspace.
  await trpc(expert, "review.decide", {
    evidenceId: item.id,
    revision: 1,
    decision: "changes_requested",
    note: "Please link the page that lists the decisions.",
  });
  await department.reload();
  const changes = department.getByTestId("contributor-changes-requested");
  expect(await countOf(changes)).toBeGreaterThanOrEqual(1);
  await expect(changes.getByRole("link")).toHaveAttribute("href", "/en/workspace?city=barcelona&status=changes_requested");
  await expect(department.getByTestId("contributor-awaiting-review").locator("[data-count]")).toHaveAttribute("data-count", String(before));
  await expect(department.getByTestId("city-memberships")).toContainText("City department");

  // Leadership: what waits on the group in Barcelona, with the assessment's status.
  const leadership = await signedInPage(browser, "leadership.barcelona@demo.city");
  const group = leadership.getByTestId("role-home-leadership");
  await expect(group).toContainText(/Assessment 2026: (Draft|In review|Rated|Approved)/);
  for (const tile of ["leadership-approvals", "leadership-publication", "leadership-returned", "leadership-consultations"]) {
    await expect(group.getByTestId(tile).locator("[data-count]")).toHaveAttribute("data-count", /^\d+$/);
  }
  await expect(group.getByTestId("leadership-consultations").getByRole("link")).toHaveAttribute("href", "/en/consultations?city=barcelona");

  // Partner: my PPP and funding evidence by review status (the demo PPP agreement).
  const partner = await signedInPage(browser, "partner.barcelona@demo.city");
  const funding = partner.getByTestId("partner-funding-evidence");
  await expect(funding.getByRole("heading", { level: 3 })).toContainText(/Your PPP and funding evidence \(\d+ items?\)/);
  await expect(funding.getByRole("listitem").first()).toBeVisible();

  // Citizen: the open consultation in Barcelona.
  const citizen = await signedInPage(browser, "citizen.barcelona@demo.city");
  const consultations = citizen.getByTestId("citizen-consultations");
  expect(await countOf(consultations)).toBeGreaterThanOrEqual(1);
  await expect(consultations.getByRole("link")).toHaveAttribute("href", "/en/consultations?city=barcelona");
  await expect(consultations).toContainText(/Next closes/);

  // Admin: invitations, blocked users and flagged items, each linked.
  const admin = await signedInPage(browser, "admin@demo.city");
  for (const [tile, href] of [
    ["admin-pending-invitations", "/en/admin"],
    ["admin-blocked-users", "/en/moderation?tab=blocked"],
    ["admin-flagged-items", "/en/moderation?view=pending"],
  ] as const) {
    await expect(admin.getByTestId(tile).getByRole("link")).toHaveAttribute("href", href);
    await expect(admin.getByTestId(tile).locator("[data-count]")).toHaveAttribute("data-count", /^\d+$/);
  }
  await expect(admin.getByText("You are not a member of any city yet")).toHaveCount(0);
});

for (const width of [390, 1366]) {
  test(`every role's home fits ${width} px without horizontal scrolling and has no serious axe violations`, async ({ browser }) => {
    test.setTimeout(120_000);
    for (const account of ACCOUNTS) {
      const page = await signedInPage(browser, account.email, width);
      await expect(page.getByTestId(account.section).first()).toBeVisible();
      // Rendered on the server: the counts are in the HTML, no loading state after the page arrives.
      const html = await (await page.request.get("/en/dashboard")).text();
      expect(html).toContain(`data-testid="${account.section}"`);
      await expect(page.getByRole("status").filter({ hasText: /Loading/ })).toHaveCount(0);
      await expectNoHorizontalOverflow(page);
      await expectNoSeriousA11yViolations(page);
      if (SCREENSHOTS) await page.screenshot({ path: `docs/guides/images/home-${account.role}-${width}.png`, fullPage: true });
      await page.context().close();
    }
  });
}

test("the home page speaks Chinese", async ({ browser }) => {
  const page = await signedInPage(browser, "expert@demo.city");
  await page.goto("/zh/dashboard");
  await expect(page.getByTestId("role-home-expert").getByRole("heading", { level: 2, name: "评审台" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
