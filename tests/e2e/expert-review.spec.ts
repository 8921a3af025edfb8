import { type Browser, expect, type Page, test } from "@playwright/test";
import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";
import { expectNoSeriousA11yViolations, signIn, signInAndWait } from "./helpers";

/**
 * The expert's review at the scale of the framework, on a city no other journey touches (Tallinn,
 * seeded with the published 2013 reference assessment): an admin starts the next cycle as a copy,
 * so every judgement is carried over; the expert judges a whole characteristic in one save from
 * the keyboard, moves on to the next characteristic without the queue, confirms the carried-over
 * judgements of a characteristic at once (who made them and when is shown), and marks the
 * assessment rated from the review screen through its confirmation dialog.
 *
 * The steps that belong to other screens (starting the cycle, inviting a department member who
 * brings one piece of evidence, accepting it, submitting for review, confirming the remaining
 * characteristics) go through their tRPC procedures from the signed-in sessions.
 */
const CITY_SLUG = "tallinn";
const CYCLE = "2027";

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

/** A tRPC call over HTTP with the page's session cookie (superjson envelope). */
async function trpc<T>(page: Page, path: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const res =
    kind === "query"
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.text();
  expect(res.ok(), `${path}: ${body}`).toBe(true);
  return JSON.parse(body).result.data.json as T;
}

test("an expert judges a characteristic in one save, moves on, confirms carried-over judgements and marks the assessment rated", async ({
  browser,
}) => {
  test.setTimeout(180_000);

  // Admin: the next cycle of Tallinn as a copy of the reference assessment, submitted for review.
  const admin = await signedInPage(browser, "admin@demo.city");
  const cities = await trpc<{ id: string; slug: string }[]>(admin, "cities.list", {}, "query");
  const city = cities.find((c) => c.slug === CITY_SLUG)!;
  const dashboard = await trpc<{ current: { assessment: { id: string } } }>(
    admin,
    "workflow.leadershipDashboard",
    { cityId: city.id },
    "query",
  );
  const started = await trpc<{ assessment: { id: string } }>(admin, "workflow.startNextCycle", {
    assessmentId: dashboard.current.assessment.id,
    cycle: CYCLE,
  });
  const assessmentId = started.assessment.id;

  // A department member of Tallinn (invited, accepting the link) brings one piece of evidence, which
  // the expert accepts: the assessment can then be submitted for review and nothing waits.
  const email = `department.tallinn.${Date.now()}@example.test`;
  const invitation = await trpc<{ token: string }>(admin, "cities.invite", {
    cityId: city.id,
    email,
    role: "department",
    departmentName: "Digital Office",
  });
  const password = "kX9#quartz-Meadow-lantern-41";
  const anonymous = await browser.newContext();
  const accepted = await anonymous.request.post("/api/trpc/accounts.acceptInvitation", {
    data: { json: { token: invitation.token, name: "Kadri Tamm", password } },
  });
  expect(accepted.ok(), await accepted.text()).toBe(true);
  const department = await anonymous.newPage();
  await signIn(department, email, password);
  await department.waitForURL("**/dashboard");
  const item = await trpc<{ id: string }>(department, "evidence.submit", {
    assessmentId,
    characteristicKey: "funding",
    kind: "link",
    title: "Tallinn smart city investment plan 2027",
    criterionKeys: [],
    payload: { url: "https://example.org/tallinn/investment-plan", description: "The city's investment plan for smart city programmes." },
  });
  await anonymous.close();
  const expert = await signedInPage(browser, "expert@demo.city");
  await trpc(expert, "review.decide", { evidenceId: item.id, revision: 1, decision: "accepted" });
  await trpc(admin, "workflow.submitForReview", { assessmentId, expectedStatus: "draft" });

  // Expert: the first characteristic, every judgement carried over, with where it came from.
  await expert.goto(`/en/review/assessments/${assessmentId}?c=smart_city_strategy`);
  await expect(expert.getByRole("heading", { level: 2, name: "Smart City Strategy" })).toBeVisible();
  await expect(expert.getByTestId("carried-over-pending")).toBeVisible();
  await expect(expert.getByTestId("carried-over-provenance")).toContainText("2013");
  await expect(expert.getByTestId("judgement-provenance").first()).toContainText("Carried over from 2013");
  await expect(expert.getByText("Version 1 · —")).toHaveCount(0);
  await expectNoSeriousA11yViolations(expert);

  // One form for the whole characteristic: choose "Partially met" for every criterion from the keyboard.
  const form = expert.getByTestId("characteristic-judgement-form");
  const rows = form.locator('[data-testid^="criterion-"]');
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const partially = rows.nth(i).getByRole("radio", { name: "Partially met" });
    await partially.focus();
    await expert.keyboard.press("Space");
    await expect(partially).toBeChecked();
  }
  const state = expert.getByTestId("judgement-save-state");
  await expect(state).toContainText(`${count} criteria changed, not saved yet`);
  await expect(form).toHaveAttribute("data-state", "unsaved");

  // One save (Ctrl+S): one request for every criterion, the saved state, the derived level follows.
  const saves: string[] = [];
  expert.on("request", (request) => {
    if (request.url().includes("/api/trpc/review.save")) saves.push(new URL(request.url()).pathname);
  });
  await expert.keyboard.press("Control+s");
  await expect(form).toHaveAttribute("data-state", "saved");
  await expect(state).toContainText(`${count} judgements saved at`);
  expect(saves).toEqual(["/api/trpc/review.saveJudgements"]);
  await expect(form.locator('[data-dirty="true"]')).toHaveCount(0);
  await expect(expert.getByTestId("derived-level")).toHaveAttribute("data-level", "not_yet_addressed");
  await expect(form.getByText(/Version 2 · Erik Expert/).first()).toBeVisible();

  // The reload shows what was stored.
  await expert.reload();
  for (let i = 0; i < count; i++) await expect(rows.nth(i).getByRole("radio", { name: "Partially met" })).toBeChecked();

  // On to the next characteristic without the queue: after a save the link has the focus, Enter follows it.
  await rows.first().getByRole("radio", { name: "Met", exact: true }).focus();
  await expert.keyboard.press("Space");
  await expert.keyboard.press("Enter");
  await expect(form).toHaveAttribute("data-state", "saved");
  await expect(expert.getByTestId("next-characteristic")).toBeFocused();
  await expert.keyboard.press("Enter");
  await expect(expert).toHaveURL(/c=stakeholders/);
  await expect(expert.getByRole("heading", { level: 2, name: "Stakeholders" })).toBeVisible();

  // Confirm all carried-over judgements of this characteristic at once.
  await expect(expert.getByTestId("carried-over-pending")).toBeVisible();
  await expert.getByTestId("confirm-carried-over").click();
  await expert.getByTestId("confirm-carried-over-yes").click();
  await expect(expert.getByTestId("carried-over-pending")).toHaveCount(0);
  await expect(expert.getByTestId("judgement-provenance").first()).toContainText("Erik Expert");

  // The other characteristics through the same procedure; then the step is open on this page.
  for (const characteristicKey of CHARACTERISTIC_KEYS) {
    await trpc(expert, "review.confirmCarriedOver", { assessmentId, characteristicKey });
  }
  await expert.goto(`/en/review/assessments/${assessmentId}?c=legal_regulatory_policies`);
  await expect(expert.getByTestId("next-characteristic")).toHaveCount(0);
  await expect(expert.getByTestId("go-mark-rated")).toBeVisible();
  const markRated = expert.getByTestId("transition-mark_rated");
  await expect(markRated).toBeEnabled();
  await markRated.click();
  const dialog = expert.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(expert);
  await expect(dialog).toContainText("Mark the assessment as rated?");
  await dialog.getByRole("button", { name: "Mark as rated" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(expert.getByText("The assessment is past review: there is nothing to mark.")).toBeVisible();
  const overview = await trpc<{ assessment: { status: string } }>(expert, "workflow.overview", { assessmentId }, "query");
  expect(overview.assessment.status).toBe("rated");
});
