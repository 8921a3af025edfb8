import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { buildOpenApiDocument } from "@/server/public/openapi";
import { chainHeadOf } from "@/server/report/assessment-report-data";
import { type ReportDeps, serveAssessmentReport } from "@/server/report/report-http";
import { currentFramework } from "@/server/scoring/framework-registry";
import { type CityCast, makeAssessment, makeCityCast, makeConsultation, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
let cast: CityCast;
let signedInId: string;
let publishedId: string;
let draftId: string;
const dir = mkdtempSync(path.join(tmpdir(), "report-test-"));

const framework = currentFramework();
const strategy = framework.characteristics.find((c) => c.key === "smart_city_strategy")!;
const basicCriterion = strategy.criteria.find((k) => k.level === "basic")!;

function deps(userId: string | null): ReportDeps {
  return { getDb: async () => h.db, getUserId: async () => userId, limiter: null };
}
function request(door: "members" | "open-data", id: string, lang: string, headers: Record<string, string> = {}) {
  const base = door === "members" ? "/api/assessments" : "/api/v1/assessments";
  return new Request(`http://localhost${base}/${id}/report?lang=${lang}`, { headers });
}
/** The PDF's text as pdftotext (poppler) extracts it, and its page count from pdfinfo. */
async function pdfOf(response: Response, name: string) {
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())?.[1]);
  // Lines wrap anywhere in Chinese text: compare without whitespace.
  return { bytes, text, compact: text.replace(/\s+/g, ""), pages };
}
const compact = (s: string) => s.replace(/\s+/g, "");

beforeAll(async () => {
  h = await createTestDb();
  cast = await makeCityCast(h.db, { name: `Reportville ${Date.now()}` });
  signedInId = (await makeUser(h.db)).id;
  await makeAssessment(h.db, {
    cityId: cast.city.id,
    cycle: "2021",
    status: "published",
    levels: { smart_city_strategy: "not_yet_addressed", governance: "basic" },
    createdAt: new Date("2021-01-01T00:00:00Z"),
    publishedAt: new Date("2021-06-01T00:00:00Z"),
  });
  const published = await makeAssessment(h.db, {
    cityId: cast.city.id,
    cycle: "2023",
    status: "published",
    levels: { smart_city_strategy: "basic", governance: "average", funding: "not_yet_addressed" },
    evidence: { accepted: 2 },
    authorId: cast.users.department.id,
    createdAt: new Date("2023-01-01T00:00:00Z"),
    publishedAt: new Date("2023-06-01T00:00:00Z"),
  });
  publishedId = published.id;
  await makeConsultation(h.db, published, cast.users.leadership.id, { closedAt: new Date() });
  for (const action of ["assessment.open", "assessment.publish"]) {
    await recordAuditEvent(h.db, {
      actorId: cast.users.leadership.id,
      actorRole: "leadership",
      action,
      entityType: "assessment",
      entityId: publishedId,
      cityId: cast.city.id,
      assessmentId: publishedId,
    });
  }
  draftId = (
    await makeAssessment(h.db, { cityId: cast.city.id, cycle: "2025", status: "in_review", levels: { governance: "more_advanced" } })
  ).id;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h?.close();
});

describe("assessment report (PDF)", () => {
  it("renders the published assessment in English: city, levels, evidence and the audit chain head", async () => {
    const pdf = await pdfOf(
      await serveAssessmentReport(request("open-data", publishedId, "en"), publishedId, "open-data", deps(null)),
      "en",
    );
    const head = await chainHeadOf(h.db, publishedId);
    expect(head).not.toBeNull();
    expect(pdf.text).toContain(cast.city.name);
    expect(pdf.text).toContain("2023");
    expect(pdf.text).toContain("Basic");
    expect(pdf.text).toContain("Average");
    expect(pdf.compact).toContain(compact(basicCriterion.text.en));
    expect(pdf.text).toContain("Evidence accepted 1");
    expect(pdf.text).toContain("Progress against earlier cycles");
    expect(pdf.text).toContain("2021");
    expect(pdf.text).toContain("Verified: 2 events");
    expect(pdf.compact).toContain(head!.hash);
    expect(pdf.text).not.toContain("DRAFT");
    expect(pdf.pages).toBeGreaterThanOrEqual(4);
    expect(pdf.pages).toBeLessThan(40);
  });

  it("renders the Chinese report with the framework's Chinese criterion text in an embedded font", async () => {
    const pdf = await pdfOf(
      await serveAssessmentReport(request("open-data", publishedId, "zh"), publishedId, "open-data", deps(null)),
      "zh",
    );
    const head = await chainHeadOf(h.db, publishedId);
    expect(pdf.text).toContain("智慧城市成熟度评估");
    expect(pdf.compact).toContain(compact(basicCriterion.text.zh));
    expect(pdf.compact).toContain(compact(strategy.name.zh));
    expect(pdf.text).toContain("基础");
    expect(pdf.compact).toContain(head!.hash);
    const fonts = execFileSync("pdffonts", [path.join(dir, "zh.pdf")]).toString();
    expect(fonts).toMatch(/NotoSansSC/);
    expect(fonts).not.toMatch(/ no {2}/); // every font embedded
    expect(pdf.pages).toBeLessThan(40);
    // Subset: the regular weight alone is 4.6 MB of WOFF; a report embeds only the glyphs it uses.
    expect(pdf.bytes.length).toBeLessThan(1_500_000);
  });

  it("serves a cached copy until the assessment's audit chain moves on", async () => {
    const first = await serveAssessmentReport(request("members", publishedId, "en"), publishedId, "members", deps(null));
    await first.arrayBuffer();
    const again = await serveAssessmentReport(request("members", publishedId, "en"), publishedId, "members", deps(null));
    expect(again.headers.get("x-report-cache")).toBe("hit");
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    await recordAuditEvent(h.db, {
      actorId: null,
      actorRole: null,
      action: "assessment.note",
      entityType: "assessment",
      entityId: publishedId,
      cityId: cast.city.id,
      assessmentId: publishedId,
    });
    const changed = await serveAssessmentReport(request("members", publishedId, "en"), publishedId, "members", deps(null));
    expect(changed.headers.get("x-report-cache")).toBe("miss");
    expect(changed.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect((await pdfOf(changed, "changed")).text).toContain("Verified: 3 events");
  });

  it("marks an assessment in progress as draft on every page, for members of the city", async () => {
    const pdf = await pdfOf(
      await serveAssessmentReport(request("members", draftId, "en"), draftId, "members", deps(cast.users.leadership.id)),
      "draft",
    );
    const pages = pdf.text.split("\f").filter((p) => p.trim());
    expect(pages.length).toBe(pdf.pages);
    for (const page of pages) expect(page).toContain("DRAFT");
    expect(pdf.text).toContain("More advanced");
    const zh = await pdfOf(
      await serveAssessmentReport(request("members", draftId, "zh"), draftId, "members", deps(cast.users.department.id)),
      "draft-zh",
    );
    for (const page of zh.text.split("\f").filter((p) => p.trim())) expect(page).toContain("草稿");
  });

  it("refuses an unpublished report to non-members, anonymous callers and the open data API", async () => {
    const outsider = await serveAssessmentReport(request("members", draftId, "en"), draftId, "members", deps(signedInId));
    expect(outsider.status).toBe(404);
    expect(outsider.headers.get("content-type")).toContain("application/json");
    const other = await serveAssessmentReport(request("members", draftId, "en"), draftId, "members", deps(cast.users.outsider.id));
    expect(other.status).toBe(404);
    // A citizen member of the city may not read the assessment in progress: 403, not a PDF.
    const citizen = await serveAssessmentReport(request("members", draftId, "en"), draftId, "members", deps(cast.users.citizen.id));
    expect(citizen.status).toBe(403);
    // Experts (global role) review every city's assessments, so they get the draft.
    const expert = await serveAssessmentReport(request("members", draftId, "en"), draftId, "members", deps(cast.users.expert.id));
    expect(expert.status).toBe(200);
    await expert.arrayBuffer();
    const anonymous = await serveAssessmentReport(request("members", draftId, "en"), draftId, "members", deps(null));
    expect(anonymous.status).toBe(401);
    const open = await serveAssessmentReport(request("open-data", draftId, "en"), draftId, "open-data", deps(null));
    expect(open.status).toBe(404);
  });

  it("answers 304 to a client holding the current version, like the other v1 routes", async () => {
    const first = await serveAssessmentReport(request("open-data", publishedId, "en"), publishedId, "open-data", deps(null));
    await first.arrayBuffer();
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
    const etag = first.headers.get("etag") ?? "";
    const again = await serveAssessmentReport(
      request("open-data", publishedId, "en", { "if-none-match": etag }),
      publishedId,
      "open-data",
      deps(null),
    );
    expect(again.status).toBe(304);
    const zh = await serveAssessmentReport(
      request("open-data", publishedId, "zh", { "if-none-match": etag }),
      publishedId,
      "open-data",
      deps(null),
    );
    expect(zh.status).toBe(200);
    await zh.arrayBuffer();
  });

  it("answers bad input with a clear 4xx", async () => {
    expect((await serveAssessmentReport(request("open-data", publishedId, "fr"), publishedId, "open-data", deps(null))).status).toBe(400);
    expect((await serveAssessmentReport(request("open-data", "not-a-uuid", "en"), "not-a-uuid", "open-data", deps(null))).status).toBe(404);
  });

  it("is documented in the open data API's OpenAPI document", () => {
    const operation = (buildOpenApiDocument().paths as Record<string, { get: { responses: Record<string, { content?: object }> } }>)[
      "/api/v1/assessments/{id}/report"
    ];
    expect(operation.get.responses["200"].content).toHaveProperty(["application/pdf"]);
  });
});
