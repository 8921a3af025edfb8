import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signInAndWait } from "./helpers";

/**
 * Participation journeys on the demo data: Barcelona's draft assessment has an open consultation
 * (seeded). The e2e server runs with RATE_LIMIT_DISABLED=1, which the post limit honours, so the
 * XSS corpus below can be posted by one user.
 */

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

async function openBarcelonaConsultation(page: Page) {
  await page.goto("/en/consultations");
  const list = page.getByRole("region", { name: "Open consultations" });
  await list.getByRole("link", { name: /How well does Barcelona involve you/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("How well does Barcelona involve you");
}

test.describe
  .serial("consultation, flagging, moderation and summary", () => {
    const abusive = `You are all corrupt idiots ${Date.now()}`;
    let consultationUrl = "";

    test("a citizen answers the consultation and supports another citizen's suggestion", async ({ browser }) => {
      const page = await signedInPage(browser, "citizen.barcelona@demo.city");
      await openBarcelonaConsultation(page);
      consultationUrl = page.url();
      // Plain-language summary and the criteria of the chosen characteristics.
      await expect(page.getByRole("heading", { name: "What this is about" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "What the city is assessed on" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      const form = page.getByRole("form", { name: "Your feedback" });
      await form.getByLabel("What is your feedback about?").selectOption({ label: "Smart City Services" });
      await form.getByLabel("What do you see in the city?").fill("Library opening hours are hard to find online.");
      await form.getByLabel("4", { exact: true }).check();
      await form.getByLabel("A service you would like (optional)").fill("One page with all library opening hours");
      await form.getByRole("button", { name: "Send feedback" }).click();
      await expect(page.getByText("Thank you. Your feedback is published below.")).toBeVisible();
      const mine = page.getByTestId("feedback-item").filter({ hasText: "Library opening hours are hard to find online." });
      await expect(mine).toContainText("Rated 4 of 5");
      await expect(mine.getByRole("button", { name: "Support" })).toHaveCount(0);

      const calendar = page.getByTestId("feedback-item").filter({ hasText: "A public calendar of planned projects" });
      await expect(calendar.getByTestId("support-count")).toHaveText("1 supporter");
      await calendar.getByRole("button", { name: "Support" }).click();
      await expect(calendar.getByTestId("support-count")).toHaveText("2 supporters");
      await expect(calendar.getByText("You support this")).toBeVisible();
      await page.context().close();
    });

    test("one person posts an abusive comment and another flags it", async ({ browser }) => {
      const author = await signedInPage(browser, "department.pudong@demo.city");
      await author.goto(consultationUrl);
      const thread = author.getByRole("region", { name: "Public discussion" });
      await thread.getByLabel("Your comment").fill(abusive);
      await thread.getByRole("button", { name: "Post comment" }).click();
      await expect(thread.getByTestId("comment").filter({ hasText: abusive })).toBeVisible();
      await author.context().close();

      const flagger = await signedInPage(browser, "citizen.pudong@demo.city");
      await flagger.goto(consultationUrl);
      const comment = flagger.getByRole("region", { name: "Public discussion" }).getByTestId("comment").filter({ hasText: abusive });
      await comment.getByRole("button", { name: "Report" }).click();
      await comment.getByLabel("Offensive").check();
      await comment.getByLabel("Note for the moderators (optional)").fill("Insults everyone in the thread");
      await comment.getByRole("button", { name: "Send report" }).click();
      await expect(comment.getByText("Reported — thank you.")).toBeVisible();
      await flagger.context().close();
    });

    test("the technical expert group hides it from the moderation queue", async ({ browser }) => {
      const page = await signedInPage(browser, "expert@demo.city");
      await page.goto("/en/moderation");
      await expect(page.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible();
      const item = page.getByTestId("queue-item").filter({ hasText: abusive });
      await expect(item).toContainText("Insults everyone in the thread");
      await expectNoSeriousA11yViolations(page);
      await item.getByRole("checkbox").check();
      await expect(page.getByTestId("selected-count")).toHaveText("1 selected");
      await page.getByLabel("Reason shown in place of the text").fill("Personal insults");
      await page.getByRole("button", { name: "Hide selected" }).click();
      await expect(page.getByText("1 item hidden.")).toBeVisible();
      await expect(page.getByTestId("queue-item").filter({ hasText: abusive })).toHaveCount(0);
      await page.getByRole("button", { name: "Reviewed" }).click();
      await expect(page.getByTestId("queue-item").filter({ hasText: abusive })).toContainText("Hidden by Erik Expert: Personal insults");
      await page.context().close();

      // Readers see the reason instead of the text.
      const anonymous = await browser.newPage();
      await anonymous.goto(consultationUrl);
      const thread = anonymous.getByRole("region", { name: "Public discussion" });
      await expect(thread.getByText("Hidden by a moderator: Personal insults")).toBeVisible();
      await expect(thread.getByText(abusive)).toHaveCount(0);
      await anonymous.close();
    });

    test("the leadership group sees the feedback summary", async ({ browser }) => {
      const page = await signedInPage(browser, "leadership.barcelona@demo.city");
      await page.goto(consultationUrl);
      await page.getByRole("link", { name: "See the feedback summary" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Feedback summary" })).toBeVisible();
      const services = page
        .getByTestId("summary-characteristic")
        .filter({ has: page.getByRole("heading", { name: "Smart City Services" }) });
      await expect(services).toContainText("2 answers, 2 with a rating");
      await expect(services.getByRole("table")).toBeVisible();
      await expect(services.getByTestId("top-suggestions")).toContainText("One page with all library opening hours");
      const stakeholders = page.getByTestId("summary-characteristic").filter({ has: page.getByRole("heading", { name: "Stakeholders" }) });
      await expect(stakeholders.getByTestId("top-suggestions").getByRole("listitem").first()).toContainText(
        "A public calendar of planned projects open for comment — 2 supporters",
      );
      await expectNoSeriousA11yViolations(page);
      await page.context().close();
    });
  });

test("a stored-XSS corpus posted as comments renders as inert text", async ({ browser }) => {
  const corpus = [
    `<script>window.__xss = "script"</script>`,
    `<img src=x onerror="window.__xss = 'img'">`,
    `<svg onload="window.__xss = 'svg'"><circle r="10"></circle></svg>`,
    `<svg><script>window.__xss = "svg-script"</script></svg>`,
    `<a href="javascript:window.__xss = 'link'">click me</a>`,
    `javascript:window.__xss = 'bare'`,
    `<iframe src="javascript:window.__xss = 'iframe'"></iframe>`,
    `"><img src=x onerror=window.__xss='break-out'>`,
    `<div style="background:url(javascript:window.__xss='css')">styled</div>`,
    `https://example.org/"onmouseover="window.__xss='attr'"`,
    `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss='mxss'>`,
    `[markdown](javascript:window.__xss='md')`,
    `<body onload=window.__xss='body'>`,
  ];
  const page = await signedInPage(browser, "partner.pudong@demo.city");
  await openBarcelonaConsultation(page);
  const consultationUrl = page.url();
  // One payload through the real form…
  const thread = page.getByRole("region", { name: "Public discussion" });
  await thread.getByLabel("Your comment").fill(corpus[0]);
  await thread.getByRole("button", { name: "Post comment" }).click();
  await expect(thread.getByTestId("comment").filter({ hasText: corpus[0] })).toBeVisible();
  // …and the rest straight to the API, as an attacker would.
  const threadAssessmentId = await thread.getAttribute("data-assessment-id");
  expect(threadAssessmentId).toBeTruthy();
  for (const body of corpus.slice(1)) {
    const res = await page.request.post("/api/trpc/comments.post", {
      data: {
        json: { assessmentId: threadAssessmentId, targetType: "assessment", targetKey: threadAssessmentId, visibility: "public", body },
      },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  await page.context().close();

  // A fresh visitor reads the thread.
  const reader = await browser.newPage();
  const dialogs: string[] = [];
  reader.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await reader.goto(consultationUrl);
  const readerThread = reader.getByRole("region", { name: "Public discussion" });
  while (await readerThread.getByRole("button", { name: "Show more comments" }).isVisible()) {
    await readerThread.getByRole("button", { name: "Show more comments" }).click();
  }
  for (const payload of corpus) {
    await expect(readerThread.getByTestId("comment-body").filter({ hasText: payload }).first()).toBeVisible();
  }
  const bodies = readerThread.getByTestId("comment-body");
  await expect(bodies.locator("script, img, svg, iframe, math, style, div[style], body")).toHaveCount(0);
  const hrefs = await bodies.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  // Hovering the link-shaped payload triggers nothing either.
  await readerThread
    .getByRole("link", { name: /example\.org/ })
    .first()
    .hover();
  expect(await reader.evaluate(() => (window as Window & { __xss?: string }).__xss ?? null)).toBeNull();
  expect(dialogs).toEqual([]);
  await reader.close();
});

test("the leadership group opens a consultation on its draft assessment", async ({ browser }) => {
  const page = await signedInPage(browser, "leadership.barcelona@demo.city");
  await page.goto("/en/consultations");
  await page.getByRole("link", { name: "Open a consultation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Open a consultation" })).toBeVisible();
  // Mistakes are explained on the fields.
  await page.getByRole("button", { name: "Open the consultation" }).click();
  await expect(page.getByText("Ask a question of at least 10 characters.")).toBeVisible();
  await expect(page.getByText("Write a plain-language summary of at least 20 characters.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Your question to citizens").fill("Is public Wi-Fi good enough where you need it?");
  await page
    .getByLabel("Plain-language summary")
    .fill("We are checking the city's digital infrastructure and want to know where connectivity fails you.");
  for (const name of [
    "Smart City Strategy",
    "Stakeholders",
    "Governance",
    "Funding",
    "Value Assessment",
    "Business Models",
    "Smart City Services",
    "Legal and Regulatory Policies",
  ]) {
    await page.getByLabel(name, { exact: true }).uncheck();
  }
  await page.getByRole("button", { name: "Open the consultation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is public Wi-Fi good enough where you need it?");
  await expect(page.getByRole("heading", { name: "ICT Infrastructure" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Funding" })).toHaveCount(0);
  await page.context().close();
});
