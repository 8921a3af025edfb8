import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signInAndWait } from "./helpers";

/**
 * The evidence and review journey on the seeded Barcelona "2026" draft assessment: a department
 * uploads a PDF and adds a KPI, a partner adds a PPP agreement, the expert sends the KPI back,
 * accepts the rest once it is resubmitted, judges criteria and watches the derived level change.
 */
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const PDF_TITLE = `Signed smart city strategy ${stamp}`;
const KPI_TITLE = `Open data sets published ${stamp}`;
const PPP_TITLE = `Fibre backbone PPP ${stamp}`;
const CRITERION_1 = "Smart City vision clearly articulated and related to overall city vision";
const CRITERION_2 = "Limited strategic focus on ICT";

/** Filled in by the first test: the PDF evidence's id, for the download checks. */
let pdfEvidenceId = "";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** No serious or critical accessibility violations; names the offending elements when there are. */
async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The page's own status badge, rendered by the server after the decision. */
async function expectStatus(page: Page, status: string) {
  await expect(page.getByTestId("evidence-status").first()).toHaveAttribute("data-status", status);
}

async function openCharacteristic(page: Page, name: string) {
  await page.goto("/en/workspace");
  await expect(page.getByRole("heading", { name: /Barcelona — assessment 2026/ })).toBeVisible();
  await page.getByTestId("characteristic-grid").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function openQueueItem(page: Page, title: string) {
  await page.goto("/en/review");
  await page.getByLabel("City").selectOption({ label: "Barcelona" });
  await page.getByTestId("review-queue").getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

async function decide(page: Page, option: "Accept" | "Request changes" | "Reject", note?: string) {
  const form = page.getByRole("form", { name: "Decision" });
  await form.getByLabel(option).check();
  if (note) await form.getByLabel(/Note to the contributor/).fill(note);
  await form.getByRole("button", { name: "Record decision" }).click();
}

test("a department uploads a PDF and adds a KPI", async ({ page }) => {
  await signInAndWait(page, "department.barcelona@demo.city");
  await openCharacteristic(page, "Smart City Strategy");
  await expect(page.getByRole("heading", { name: "Guiding questions" })).toBeVisible();

  const documentForm = page.getByRole("form", { name: "Add a document" });
  await documentForm.getByLabel("Title").fill(PDF_TITLE);
  await documentForm.getByLabel("File", { exact: true }).setInputFiles({ name: "strategy.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(documentForm.getByTestId("upload-preview")).toContainText("Uploaded: strategy.pdf");
  await expect(documentForm.getByTestId("upload-preview")).toContainText("application/pdf");
  await documentForm.getByLabel(CRITERION_1).check();
  await documentForm.getByLabel(CRITERION_2).check();
  await documentForm.getByRole("button", { name: "Preview" }).click();
  await expect(documentForm.getByTestId("evidence-preview")).toContainText(PDF_TITLE);
  await expectNoSeriousA11yViolations(page);
  await documentForm.getByRole("button", { name: "Submit evidence" }).click();
  const submitted = documentForm.getByRole("status").filter({ hasText: "Evidence submitted" });
  await expect(submitted).toBeVisible();
  pdfEvidenceId = (await submitted.getByRole("link").getAttribute("href"))!.split("/").pop()!;
  await expect(page.getByTestId("evidence-list")).toContainText(PDF_TITLE);

  // An executable renamed .pdf is refused from its bytes, on the file field, and nothing is attached.
  await documentForm.getByLabel("File", { exact: true }).setInputFiles({
    name: "budget.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(400)]),
  });
  await expect(documentForm.getByTestId("upload-error")).toContainText("Windows executable named as .pdf");
  await expect(documentForm.getByTestId("upload-preview")).toHaveCount(0);

  await page.getByRole("tab", { name: "KPI" }).click();
  const kpiForm = page.getByRole("form", { name: "Add a KPI" });
  await kpiForm.getByLabel("Title", { exact: true }).fill(KPI_TITLE);
  await kpiForm.getByLabel("Indicator", { exact: true }).fill("Open data sets published");
  await kpiForm.getByLabel("Value", { exact: true }).fill("-");
  await kpiForm.getByLabel("Unit", { exact: true }).fill("data sets");
  await kpiForm.getByLabel("Date measured", { exact: true }).fill("2025-06-30");
  await kpiForm.getByLabel("Benchmarked against", { exact: true }).selectOption({ label: "ITU U4SSC" });
  await kpiForm.getByRole("button", { name: "Submit evidence" }).click();
  await expect(kpiForm.getByText("The value must be a number.")).toBeVisible();
  await kpiForm.getByLabel("Value", { exact: true }).fill("412");
  await kpiForm.getByRole("button", { name: "Submit evidence" }).click();
  await expect(kpiForm.getByRole("status").filter({ hasText: "Evidence submitted" })).toBeVisible();
  await expect(page.getByTestId("evidence-list")).toContainText(KPI_TITLE);
});

test("a partner adds a PPP agreement", async ({ page }) => {
  await signInAndWait(page, "partner.barcelona@demo.city");
  await openCharacteristic(page, "Funding");
  const pppForm = page.getByRole("form", { name: "Add a PPP agreement" });
  await pppForm.getByLabel("Title").fill(PPP_TITLE);
  await pppForm.getByLabel("Partner organisation").fill("Smart Infra Partners");
  await pppForm.getByLabel("Partnership model").selectOption({ label: "Build-transfer-operate" });
  await pppForm.getByLabel("Public funding").fill("-100");
  await pppForm.getByLabel("Private funding").fill("24000000");
  await pppForm.getByLabel("Currency").selectOption("EUR");
  await pppForm.getByLabel("Term (years)").fill("15");
  await pppForm.getByLabel("Risk allocation").fill("Partner carries construction and operation risk; city guarantees access to ducts.");
  await pppForm.getByLabel("Service(s) covered").fill("Municipal fibre backbone");
  await pppForm.getByRole("button", { name: "Submit evidence" }).click();
  await expect(pppForm.getByText("Public funding must be zero or more")).toBeVisible();
  await pppForm.getByLabel("Public funding").fill("6000000");
  await pppForm.getByRole("button", { name: "Submit evidence" }).click();
  await expect(pppForm.getByRole("status").filter({ hasText: "Evidence submitted" })).toBeVisible();
  // The partner sees their own submission, not the department's drafts.
  await expect(page.getByTestId("evidence-list")).toContainText(PPP_TITLE);
  await openCharacteristic(page, "Smart City Strategy");
  await expect(page.getByText(PDF_TITLE)).toHaveCount(0);
  // Nor can they fetch its file: not accepted yet, so for them it does not exist.
  const hidden = await page.request.get(`/api/evidence/${pdfEvidenceId}/file`);
  expect(hidden.status()).toBe(404);
});

test("the expert requests changes on the KPI and accepts the PDF and the PPP agreement", async ({ page }) => {
  await signInAndWait(page, "expert@demo.city");
  await page.goto("/en/review");
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await page.getByLabel("City").selectOption({ label: "Barcelona" });
  await expect(page.getByTestId("review-queue")).toContainText(PPP_TITLE);
  await expectNoSeriousA11yViolations(page);

  await openQueueItem(page, KPI_TITLE);
  await decide(page, "Request changes");
  await expect(page.getByText("Say what should change.")).toBeVisible();
  await decide(page, "Request changes", "Please give the 2025 year-end figure and link the open data portal.");
  await expectStatus(page, "changes_requested");

  await openQueueItem(page, PDF_TITLE);
  await expect(page.getByTestId("claimed-criteria")).toContainText(CRITERION_1);
  const download = page.waitForEvent("download");
  await page.getByTestId("evidence-download").first().click();
  expect((await download).suggestedFilename()).toBe("strategy.pdf");
  await expectNoSeriousA11yViolations(page);
  const file = await page.request.get(`/api/evidence/${pdfEvidenceId}/file`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-disposition"]).toMatch(/^attachment; filename="strategy\.pdf"/);
  expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.compare(await file.body(), PDF)).toBe(0);
  await decide(page, "Accept");
  await expectStatus(page, "accepted");

  await openQueueItem(page, PPP_TITLE);
  await decide(page, "Accept");
  await expectStatus(page, "accepted");
});

test("the department answers the change request with a new revision", async ({ page }) => {
  await signInAndWait(page, "department.barcelona@demo.city");
  await page.goto("/en/workspace");
  const mine = page.getByTestId("my-submissions");
  await expect(mine).toContainText(KPI_TITLE);
  await expect(mine).toContainText("Please give the 2025 year-end figure");
  await mine.locator("li", { hasText: KPI_TITLE }).getByRole("link", { name: "Answer the change request" }).click();
  await expect(page.getByRole("heading", { name: "Answer the change request" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a KPI" });
  await form.getByLabel("Value", { exact: true }).fill("455");
  await form.getByLabel("Date measured", { exact: true }).fill("2025-12-31");
  await form.getByRole("button", { name: "Save as a new revision" }).click();
  await expect(page.getByTestId("evidence-status").first()).toHaveAttribute("data-status", "submitted");
  await expect(page.getByRole("heading", { name: "Current revision (2)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Earlier revisions" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the expert accepts the resubmission, judges criteria and sees the derived level change", async ({ page }) => {
  await signInAndWait(page, "expert@demo.city");
  await openQueueItem(page, KPI_TITLE);
  await expect(page.getByRole("heading", { name: "Current revision (2)" })).toBeVisible();
  await decide(page, "Accept");
  await expectStatus(page, "accepted");

  await page.goto("/en/review");
  await page.getByTestId("assessments-under-way").getByRole("link", { name: "Judge criteria for Barcelona" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Barcelona — judgements 2026/ })).toBeVisible();
  const derived = page.getByTestId("derived-level");
  await expect(derived).toHaveAttribute("data-level", "not_assessed");

  for (const [key, text] of [
    ["smart_city_strategy.basic.1", CRITERION_1],
    ["smart_city_strategy.basic.2", CRITERION_2],
  ] as const) {
    const row = page.getByTestId(`criterion-${key}`);
    await expect(row).toContainText(text);
    await row.getByRole("radio", { name: "Met", exact: true }).check();
    await row.getByLabel(PDF_TITLE).check();
    // The characteristic's form saves every changed criterion at once; here one at a time.
    await page.getByTestId("save-judgements").click();
    await expect(page.getByTestId("characteristic-judgement-form")).toHaveAttribute("data-state", "saved");
    await expect(page.getByTestId(`criterion-${key}`).getByText(/Version 1/)).toBeVisible();
    // One basic criterion met, the other not yet judged: the climb stops below Basic.
    if (key.endsWith(".1")) await expect(derived).toHaveAttribute("data-level", "not_yet_addressed");
  }
  await expect(derived).toHaveAttribute("data-level", "basic");
  await expect(page.getByTestId("roadmap")).toContainText("Average");
  await expectNoSeriousA11yViolations(page);
});
