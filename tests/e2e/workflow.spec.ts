import { type Browser, expect, type Page, test } from "@playwright/test";
import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";
import { expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * The full journey of an assessment through the running app, on Shanghai Pudong (seeded with the
 * published 2013 reference assessment and no open one): the leadership group starts the next cycle
 * as a copy, a department brings evidence, the technical expert group reviews it and marks the
 * assessment rated, the leadership group approves and publishes, the result shows as published,
 * an admin withdraws the publication, and every step is in a verifiable audit trail.
 *
 * The steps that belong to other slices (submitting and reviewing evidence) go through their tRPC
 * procedures from the signed-in user's browser session; the lifecycle steps go through this
 * slice's screens.
 */
const CITY_SLUG = "shanghai-pudong-new-area";
const CYCLE = "2026";

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

/** A tRPC mutation over HTTP with the page's session cookie (superjson envelope). */
async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.text();
  expect(res.ok(), `${path}: ${body}`).toBe(true);
  return JSON.parse(body).result.data.json as T;
}

/** A tRPC query over HTTP (superjson envelope). */
async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = await res.text();
  expect(res.ok(), `${path}: ${body}`).toBe(true);
  return JSON.parse(body).result.data.json as T;
}

/** A public page as the cache serves it: the HTML and whether it came from Next's cache. */
async function publicPageHtml(page: Page, path: string): Promise<{ cache: string | undefined; html: string }> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return { cache: res.headers()["x-nextjs-cache"], html: await res.text() };
}

/** A transition that freezes work (submit for review, mark as rated) asks first: click it, then confirm. */
async function confirmTransition(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: label }).click();
  await expect(dialog).toHaveCount(0);
}

function statusOfCard(page: Page) {
  return page.getByTestId("assessment-status-card").getByTestId("assessment-status");
}

test("an assessment goes from draft to published and back, every step in the verifiable audit trail", async ({ browser }) => {
  test.setTimeout(180_000);

  // The public pages are served from the cache before anything changes (the second request is a hit).
  const publicPage = await browser.newPage();
  const cityPath = `/en/cities/${CITY_SLUG}`;
  const otherCityPath = "/en/cities/tallinn";
  await publicPageHtml(publicPage, cityPath);
  await publicPageHtml(publicPage, otherCityPath);
  expect((await publicPageHtml(publicPage, cityPath)).cache).toBe("HIT");
  await publicPage.goto(cityPath);
  await expect(publicPage.getByTestId("assessment-meta")).not.toContainText(CYCLE);

  // Leadership: the dashboard shows the published reference cycle; start the next one as a copy.
  const leadership = await signedInPage(browser, "leadership.pudong@demo.city");
  await leadership.goto(`/en/leadership?city=${CITY_SLUG}`);
  await expect(leadership.getByRole("heading", { level: 1 })).toContainText("Shanghai Pudong");
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "published");
  await expect(leadership.getByTestId("maturity-table")).toBeVisible();
  await expectNoSeriousA11yViolations(leadership);
  await leadership.getByLabel("Cycle name").fill(CYCLE);
  await leadership.getByRole("button", { name: "Start the next cycle" }).click();
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "draft");
  await expect(leadership.getByText(/carried over from the last cycle/)).toBeVisible();
  const timelineHref = await leadership.getByRole("link", { name: "Status and audit timeline" }).getAttribute("href");
  const assessmentId = /\/assessments\/([^/]+)\/timeline/.exec(timelineHref ?? "")?.[1] ?? "";
  expect(assessmentId).toMatch(/^[0-9a-f-]{36}$/);

  // Department: brings evidence for the new cycle.
  const department = await signedInPage(browser, "department.pudong@demo.city");
  const evidence = await trpcMutation<{ id: string }>(department, "evidence.submit", {
    assessmentId,
    characteristicKey: "funding",
    kind: "link",
    title: "Pudong smart city investment plan 2026",
    criterionKeys: [],
    payload: {
      url: "https://example.org/pudong/investment-plan",
      description: "The district's published investment plan for smart city programmes.",
    },
  });

  // Leadership: submits the assessment for review from its status page.
  await leadership.goto(`/en/assessments/${assessmentId}/timeline`);
  await confirmTransition(leadership, "transition-submit_for_review", "Submit for review");
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "in_review");

  // Expert: told in-app, reviews the evidence, then marks the assessment rated.
  const expert = await signedInPage(browser, "expert@demo.city");
  await expect(expert.getByTestId("notification-count")).toBeVisible();
  await expert.getByTestId("notification-bell").click();
  await expect(expert.getByTestId("notification-list")).toContainText(
    `Shanghai Pudong New Area's ${CYCLE} assessment is ready for review.`,
  );
  await expectNoSeriousA11yViolations(expert);
  await expert.goto(`/en/assessments/${assessmentId}/timeline`);
  await expect(expert.getByTestId("transition-mark_rated")).toBeDisabled();
  await expect(expert.getByText("1 piece of evidence still awaits review.")).toBeVisible();
  await trpcMutation(expert, "review.decide", { evidenceId: evidence.id, revision: 1, decision: "accepted" });
  // The judgements carried over from 2013 count only once an expert confirmed them: one
  // characteristic on the review page, the others through the same procedure.
  await expert.reload();
  await expect(expert.getByTestId("transition-mark_rated")).toBeDisabled();
  await expect(expert.getByText(/carried over from the last cycle are not yet confirmed by an expert/).first()).toBeVisible();
  await expert.goto(`/en/review/assessments/${assessmentId}?c=smart_city_strategy`);
  await expect(expert.getByTestId("carried-over-pending")).toBeVisible();
  await expert.getByTestId("confirm-carried-over").click();
  await expert.getByTestId("confirm-carried-over-yes").click();
  await expect(expert.getByTestId("carried-over-pending")).toHaveCount(0);
  for (const characteristicKey of CHARACTERISTIC_KEYS) {
    await trpcMutation(expert, "review.confirmCarriedOver", { assessmentId, characteristicKey });
  }
  await expert.goto(`/en/assessments/${assessmentId}/timeline`);
  await confirmTransition(expert, "transition-mark_rated", "Mark as rated");
  await expect(statusOfCard(expert)).toHaveAttribute("data-status", "rated");

  // Leadership: approves with a comment, then publishes after confirming.
  await leadership.goto(`/en/leadership?city=${CITY_SLUG}`);
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "rated");
  await leadership.getByTestId("transition-approve").click();
  await leadership.getByLabel("Comment (optional)").fill("The leadership group endorses the 2026 result.");
  await leadership.getByTestId("transition-confirm").click();
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "approved");
  await leadership.getByTestId("transition-publish").click();
  await leadership.getByTestId("transition-confirm").click();
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "published");
  await expect(leadership.getByText(/^Published on /)).toBeVisible();

  // Everyone in the city is told, and the public page shows the published cycle.
  await department.goto("/en/notifications");
  await expect(department.getByTestId("notification-list")).toContainText(`Shanghai Pudong New Area's ${CYCLE} assessment is published.`);
  // The very next request after the publication renders the page again; other cities' pages stay cached.
  const afterPublication = await publicPageHtml(publicPage, cityPath);
  expect(afterPublication.cache).not.toBe("HIT");
  expect(afterPublication.cache).not.toBe("STALE");
  await publicPage.goto(cityPath);
  await expect(publicPage.getByTestId("assessment-meta")).toContainText(CYCLE);
  expect((await publicPageHtml(publicPage, otherCityPath)).cache).toBe("HIT");

  // The timeline holds every step, and the hash chain verifies.
  await leadership.goto(`/en/assessments/${assessmentId}/timeline`);
  const actions = leadership.getByTestId("timeline-action");
  await expect(actions.first()).toHaveText("Published");
  for (const label of [
    "Approved",
    "Marked as rated",
    "Submitted for review",
    "Evidence reviewed",
    "Evidence submitted",
    "Next cycle started as a copy",
  ]) {
    await expect(actions.filter({ hasText: label }).first()).toBeVisible();
  }
  await leadership.getByTestId("verify-chain").click();
  await expect(leadership.getByText(/The chain is intact: \d+ events verified\./)).toBeVisible();
  await expectNoSeriousA11yViolations(leadership);

  // Admin: withdraws the publication with a reason; the assessment is back to approved.
  const admin = await signedInPage(browser, "admin@demo.city");
  await admin.goto(`/en/assessments/${assessmentId}/timeline`);
  await admin.getByTestId("transition-unpublish").click();
  await admin.getByLabel("Reason").fill("Figures under correction by the statistics office");
  await admin.getByTestId("transition-confirm").click();
  await expect(statusOfCard(admin)).toHaveAttribute("data-status", "approved");
  await expect(admin.getByText(/Publication withdrawn on .*Figures under correction/)).toBeVisible();
  await expect(admin.getByTestId("timeline-action").first()).toHaveText("Publication withdrawn");
  // Withdrawn: the public page says so on the very next request.
  await publicPage.goto(cityPath);
  await expect(publicPage.locator("main")).toContainText("Figures under correction");
  await expect(publicPage.getByTestId("assessment-meta")).not.toContainText(CYCLE);

  // Leadership republishes: the first publication date stays and the republication is shown.
  await leadership.goto(`/en/leadership?city=${CITY_SLUG}`);
  await leadership.getByTestId("transition-publish").click();
  await leadership.getByTestId("transition-confirm").click();
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "published");
  await expect(leadership.getByTestId("republished-on")).toContainText("Withdrawn and republished on");
  // Republished: the public page shows the cycle again, with the republication date.
  await publicPage.goto(cityPath);
  await expect(publicPage.getByTestId("assessment-meta")).toContainText(CYCLE);
  await expect(publicPage.getByTestId("republished-on")).toBeVisible();

  // The walkthrough's case: the 2013 result is withdrawn and republished; 2026 stays the current cycle.
  const cityPage = await trpcQuery<{ history: { id: string; cycle: string; publishedAt: string }[] }>(publicPage, "public.city", {
    slug: CITY_SLUG,
  });
  const reference = cityPage.history.find((h) => h.cycle === "2013")!;
  await trpcMutation(admin, "workflow.unpublish", { assessmentId: reference.id, reason: "Reference figures re-checked" });
  await trpcMutation(leadership, "workflow.publish", { assessmentId: reference.id });
  await leadership.goto(`/en/leadership?city=${CITY_SLUG}`);
  await expect(leadership.getByTestId("assessment-status-card").getByRole("heading", { level: 2 })).toContainText(`Assessment ${CYCLE}`);
  const after = await trpcQuery<{ history: { id: string; publishedAt: string }[] }>(publicPage, "public.city", { slug: CITY_SLUG });
  expect(after.history.find((h) => h.id === reference.id)?.publishedAt).toBe(reference.publishedAt);
});

test("a city's new name shows on its public page and in the cities list on the next request", async ({ browser }) => {
  const visitor = await browser.newPage();
  // Cached first (the second request of each is a hit).
  for (const path of ["/en/cities/tallinn", "/en/cities", "/en/cities/tallinn", "/en/cities"]) await publicPageHtml(visitor, path);
  expect((await publicPageHtml(visitor, "/en/cities/tallinn")).cache).toBe("HIT");

  const admin = await signedInPage(browser, "admin@demo.city");
  const city = await trpcQuery<{ id: string; name: string }>(admin, "cities.bySlug", { slug: "tallinn" });
  await trpcMutation(admin, "cities.update", { cityId: city.id, name: "Tallinn (renamed)" });
  try {
    await visitor.goto("/en/cities/tallinn");
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Tallinn (renamed)");
    await visitor.goto("/en/cities");
    await expect(visitor.locator("main")).toContainText("Tallinn (renamed)");
  } finally {
    await trpcMutation(admin, "cities.update", { cityId: city.id, name: city.name });
  }
  await visitor.goto("/en/cities/tallinn");
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(city.name);
});

test("an expert returns an assessment in review to draft with a reason, and the contributors are told", async ({ browser }) => {
  // Barcelona's seeded 2026 draft has evidence awaiting review.
  const leadership = await signedInPage(browser, "leadership.barcelona@demo.city");
  await leadership.goto("/en/leadership?city=barcelona");
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "draft");
  await confirmTransition(leadership, "transition-submit_for_review", "Submit for review");
  await expect(statusOfCard(leadership)).toHaveAttribute("data-status", "in_review");

  const expert = await signedInPage(browser, "expert@demo.city");
  await expert.goto("/en/leadership?city=barcelona");
  await expect(expert.getByTestId("transition-mark_rated")).toBeDisabled();
  await expect(expert.getByText(/still await review/)).toBeVisible();
  await expert.getByTestId("transition-return_to_draft").click();
  await expert.getByTestId("transition-confirm").click();
  await expect(expert.getByText("Give a reason (at least 3 characters).")).toBeVisible();
  await expert.getByLabel("Reason").fill("Funding evidence missing");
  await expert.getByTestId("transition-confirm").click();
  await expect(statusOfCard(expert)).toHaveAttribute("data-status", "draft");
  await expectNoSeriousA11yViolations(expert);

  const department = await signedInPage(browser, "department.barcelona@demo.city");
  await department.goto("/en/notifications");
  await expect(department.getByTestId("notification-list")).toContainText(
    "Barcelona's 2026 assessment went back to draft: Funding evidence missing",
  );
  await department.getByRole("button", { name: "Mark all as read" }).click();
  await expect(department.getByTestId("notification-count")).toHaveCount(0);
  await expectNoSeriousA11yViolations(department);
});
