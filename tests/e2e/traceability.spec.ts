import { createHash } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, signIn, signInAndWait, trpcCall } from "./helpers";

/**
 * Issue #15 part 2, traceability: a department member publishes a document's file with the
 * evidence, the expert sees that choice, accepts it and cites it for a criterion met; once the
 * assessment is published a visitor opens the level's criteria on the city page and finds the
 * evidence with its SHA-256, a working download and the KPI's value. Zagreb's next cycle (no other
 * spec uses Zagreb).
 */

const CITY_SLUG = "zagreb";
const CYCLE = "2027";
const DOC_TITLE = "Zagreb urban mobility strategy";
const KPI_TITLE = "Zagreb public transport ridership";
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n% Zagreb mobility\n",
);
const PDF_SHA256 = createHash("sha256").update(PDF).digest("hex");

async function signedInPage(browser: Browser, email: string, password?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  if (password) {
    await signIn(page, email, password);
    await page.waitForURL("**/dashboard");
  } else {
    await signInAndWait(page, email);
  }
  return page;
}

const trpc = trpcCall;

/** Invites a member of the city as the admin and signs them in. */
async function invitedMember(browser: Browser, admin: Page, cityId: string, role: "department" | "leadership") {
  const email = `${role}.${CITY_SLUG}.${Date.now()}@example.test`;
  const invitation = await trpc<{ token: string }>(admin, "cities.invite", {
    cityId,
    email,
    role,
    ...(role === "department" ? { departmentName: "Mobility Office" } : {}),
  });
  const password = "kX9#quartz-Meadow-lantern-41";
  const anonymous = await browser.newContext();
  const accepted = await anonymous.request.post("/api/trpc/accounts.acceptInvitation", {
    data: { json: { token: invitation.token, name: role === "department" ? "Ivana Horvat" : "Marko Kovač", password } },
  });
  expect(accepted.ok(), await accepted.text()).toBe(true);
  await anonymous.close();
  return signedInPage(browser, email, password);
}

type Panel = { judgements: { criterionKey: string; characteristicKey: string; judgement: string; version: number }[] };

test("a published level traces to its criteria, the evidence the expert cited, and the evidence itself", async ({ browser }) => {
  test.setTimeout(240_000);

  // Admin: Zagreb's next cycle as a copy of the reference assessment; a department and a leadership member.
  const admin = await signedInPage(browser, "admin@demo.city");
  const city = (await trpc<{ id: string; slug: string }[]>(admin, "cities.list", {}, "query")).find((c) => c.slug === CITY_SLUG)!;
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
  const department = await invitedMember(browser, admin, city.id, "department");
  const leadership = await invitedMember(browser, admin, city.id, "leadership");

  // A characteristic with a criterion met (carried over from 2013): the evidence goes there.
  const expert = await signedInPage(browser, "expert@demo.city");
  const rateable = [
    "smart_city_strategy",
    "stakeholders",
    "governance",
    "funding",
    "value_assessment",
    "business_models",
    "ict_infrastructure",
    "smart_city_services",
  ];
  let target: { characteristicKey: string; criterionKey: string; version: number } | null = null;
  for (const characteristicKey of rateable) {
    const panel = await trpc<Panel>(expert, "review.panel", { assessmentId, characteristicKey }, "query");
    // The panel lists the whole assessment's judgements.
    const met = panel.judgements.find((j) => j.judgement === "met" && j.characteristicKey === characteristicKey);
    if (met) {
      target = { characteristicKey, criterionKey: met.criterionKey, version: met.version };
      break;
    }
  }
  expect(target, "Zagreb has a criterion met in 2013").not.toBeNull();
  const { characteristicKey, criterionKey } = target!;

  // Department: a document whose file may be published (the box is unticked by default for documents).
  await department.goto(`/en/workspace/${assessmentId}/${characteristicKey}`);
  const documentForm = department.getByRole("form", { name: "Add a document" });
  const publish = documentForm.getByLabel(/Publish this file on the city's public page/);
  await expect(publish).not.toBeChecked();
  await documentForm.getByLabel("Title").fill(DOC_TITLE);
  await documentForm
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "mobility-strategy.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(documentForm.getByTestId("upload-preview")).toContainText("Uploaded: mobility-strategy.pdf");
  await publish.check();
  await documentForm.getByRole("button", { name: "Submit evidence" }).click();
  const submitted = documentForm.getByRole("status").filter({ hasText: "Evidence submitted" });
  await expect(submitted).toBeVisible();
  const documentId = (await submitted.getByRole("link").getAttribute("href"))!.split("/").pop()!;
  // A KPI keeps the default: public.
  const kpi = await trpc<{ id: string }>(department, "evidence.submit", {
    assessmentId,
    characteristicKey,
    kind: "kpi",
    title: KPI_TITLE,
    criterionKeys: [],
    payload: {
      indicatorName: "Annual public transport trips",
      value: 1250,
      unit: "thousand trips",
      measuredOn: "2025-06-30",
      standard: "iso_37120",
    },
  });

  // Expert: the review screen shows the contributor's choice; accept both, cite them for the criterion met.
  await expert.goto(`/en/review/evidence/${documentId}`);
  await expect(expert.getByRole("heading", { level: 1, name: DOC_TITLE })).toBeVisible();
  await expect(expert.getByTestId("public-content-note")).toHaveAttribute("data-public", "true");
  await expect(expert.getByTestId("public-content-note")).toContainText("Public after publication");
  for (const evidenceId of [documentId, kpi.id]) {
    await trpc(expert, "review.decide", {
      evidenceId,
      revision: 1,
      decision: "accepted",
      note: "internal: checked against the council minutes",
    });
  }
  await trpc(admin, "workflow.submitForReview", { assessmentId, expectedStatus: "draft" });
  await trpc(expert, "review.saveJudgement", {
    assessmentId,
    criterionKey,
    judgement: "met",
    note: "internal: the strategy's chapter 3",
    evidenceIds: [documentId, kpi.id],
    expectedVersion: target!.version,
  });
  // Everything else carried over from 2013 is confirmed as it stands (a characteristic with nothing carried over answers an error, ignored).
  for (const key of [...rateable, "legal_regulatory_policies"]) {
    await expert.request.post("/api/trpc/review.confirmCarriedOver", { data: { json: { assessmentId, characteristicKey: key } } });
  }
  await trpc(expert, "workflow.markRated", { assessmentId, expectedStatus: "in_review" });
  await trpc(leadership, "workflow.approve", { assessmentId, expectedStatus: "rated" });
  await trpc(leadership, "workflow.publish", { assessmentId, expectedStatus: "approved" });

  // A visitor: open the level's criteria, find the evidence with its checksum, download and value.
  const visitorContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/en/cities/${CITY_SLUG}`);
  await expect(visitor.getByTestId("assessment-meta")).toContainText(`Assessment cycle ${CYCLE}`);
  const trace = visitor.getByTestId(`trace-${characteristicKey}`);
  await expect(trace.getByTestId("public-evidence").first()).toBeHidden();
  await trace.locator("summary").click();
  const criterion = trace.locator(`[data-testid="trace-criterion"][data-criterion="${criterionKey}"]`);
  await expect(criterion).toHaveAttribute("data-met", "true");
  const doc = criterion.getByTestId("public-evidence").filter({ hasText: DOC_TITLE });
  await expect(doc).toBeVisible();
  await expect(doc.getByTestId("evidence-sha256")).toHaveText(PDF_SHA256);
  await expect(doc).toContainText("revision 1");
  const download = doc.getByTestId("evidence-download");
  await expect(download).toContainText("mobility-strategy.pdf");
  const file = await visitor.request.get((await download.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(
    createHash("sha256")
      .update(await file.body())
      .digest("hex"),
  ).toBe(PDF_SHA256);
  await expect(criterion.getByTestId("public-evidence").filter({ hasText: KPI_TITLE }).getByTestId("evidence-kpi")).toContainText(
    "Annual public transport trips: 1,250 thousand trips",
  );
  // Review and judgement notes stay internal.
  await expect(visitor.getByText(/internal:/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor);
  if (process.env.TRACE_SCREENSHOT) {
    await trace.scrollIntoViewIfNeeded();
    await visitor.screenshot({ path: "docs/guides/images/traceability.png", clip: (await trace.boundingBox())! });
  }

  // At 390 px the trace still fits.
  await visitor.setViewportSize({ width: 390, height: 844 });
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
