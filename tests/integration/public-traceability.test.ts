import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { criterionJudgements } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { type EvidenceRouteDeps, serveEvidenceFile, servePublicEvidenceFile } from "@/server/evidence/evidence-http";
import { storeEvidenceUpload } from "@/server/evidence/evidence-uploads";
import { currentFramework } from "@/server/scoring/framework-registry";
import { chunksOf, pdfBytes, SAMPLE_CONTENT, tempStorage } from "../helpers/evidence-fixtures";
import {
  type Assessment,
  type CityCast,
  callerFor,
  makeCastWithAssessment,
  moveAssessmentTo,
  withdrawPublished,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Issue #15 part 2: a published level traces to the criteria met, the accepted evidence the expert
 * cited and the evidence itself; a contributor's "publish this file" choice is stored, shown to the
 * expert, and is the only way a file becomes downloadable without signing in, after publication.
 */

let h: DatabaseHandle;
let cast: CityCast;
let assessment: Assessment;
const files = tempStorage();
const publicPdf = pdfBytes("Mobility strategy, public");
const privatePdf = pdfBytes("Budget sheet, internal");
const INTERNAL_JUDGEMENT_NOTE = "internal: cross-checked with the finance office";
const INTERNAL_REVIEW_NOTE = "internal: reviewer remark on the annex";
const ids = {} as Record<"publicDoc" | "privateDoc" | "link" | "kpi" | "rejected" | "pending", string>;
const criteria = currentFramework().characteristics.find((c) => c.key === "funding")!.criteria;

const deps = (userId: string | null): EvidenceRouteDeps => ({
  getDb: async () => h.db as Db,
  getUserId: async () => userId,
  storage: () => files.storage,
  maxBytes: () => 1024 * 1024,
});
const publicDownload = (evidenceId: string) => servePublicEvidenceFile(evidenceId, deps(null));

beforeAll(async () => {
  h = await createTestDb();
  ({ cast, assessment } = await makeCastWithAssessment(h.db, { rated: true }));
  const department = { userId: cast.users.department.id, role: "department" as const };
  const upload = async (filename: string, bytes: Buffer) =>
    storeEvidenceUpload(h.db, files.storage, department, assessment, { filename, chunks: chunksOf(bytes), maxBytes: 1024 * 1024 });
  const contributor = callerFor(h.db, cast.users.department.id);
  const submit = (content: Record<string, unknown>) =>
    contributor.evidence.submit({ assessmentId: assessment.id, characteristicKey: "funding", ...content } as never);

  const publicFile = await upload("mobility-strategy.pdf", publicPdf);
  const privateFile = await upload("budget-sheet.pdf", privatePdf);
  ids.publicDoc = (
    await submit({
      kind: "document",
      title: "Mobility strategy",
      criterionKeys: [],
      publicContent: true,
      payload: { fileId: publicFile.id },
    })
  ).id;
  // No choice given: a document stays private by default.
  ids.privateDoc = (await submit({ kind: "document", title: "Budget sheet", criterionKeys: [], payload: { fileId: privateFile.id } })).id;
  ids.link = (await submit(SAMPLE_CONTENT.link)).id;
  ids.kpi = (await submit({ ...SAMPLE_CONTENT.kpi, publicContent: false })).id;
  ids.rejected = (await submit({ ...SAMPLE_CONTENT.link, title: "Vendor price list (rejected)" })).id;
  ids.pending = (await submit({ ...SAMPLE_CONTENT.link, title: "Draft funding memo (not reviewed)" })).id;

  const expert = callerFor(h.db, cast.users.expert.id);
  for (const id of [ids.publicDoc, ids.privateDoc, ids.link, ids.kpi]) {
    await expert.review.decide({ evidenceId: id, revision: 1, decision: "accepted", note: INTERNAL_REVIEW_NOTE });
  }
  await expert.review.decide({ evidenceId: ids.rejected, revision: 1, decision: "rejected", note: INTERNAL_REVIEW_NOTE });

  // The expert's judgements cite accepted evidence (and, by mistake, the rejected one: never shown).
  await h.db.insert(criterionJudgements).values([
    {
      cityId: cast.city.id,
      assessmentId: assessment.id,
      characteristicKey: "funding",
      criterionKey: criteria[0].key,
      judgement: "met",
      note: INTERNAL_JUDGEMENT_NOTE,
      evidenceIds: [ids.publicDoc, ids.link, ids.rejected],
    },
    {
      cityId: cast.city.id,
      assessmentId: assessment.id,
      characteristicKey: "funding",
      criterionKey: criteria[1].key,
      judgement: "not_met",
      note: INTERNAL_JUDGEMENT_NOTE,
      evidenceIds: [ids.kpi],
    },
  ]);
});
afterAll(async () => {
  await h.close();
  files.cleanup();
});

describe("the contributor's publish choice", () => {
  it("is stored with the evidence (documents default to private, links and KPIs to public) and the expert sees it", async () => {
    const expert = callerFor(h.db, cast.users.expert.id);
    const choice = async (evidenceId: string) => (await expert.evidence.get({ evidenceId })).evidence.publicContent;
    expect(await choice(ids.publicDoc)).toBe(true);
    expect(await choice(ids.privateDoc)).toBe(false);
    expect(await choice(ids.link)).toBe(true);
    expect(await choice(ids.kpi)).toBe(false);
  });
});

describe("public file downloads", () => {
  it("gives no file before publication, not even one marked public", async () => {
    expect((await publicDownload(ids.publicDoc)).status).toBe(404);
    expect((await publicDownload(ids.privateDoc)).status).toBe(404);
  });

  it("after publication serves the public file anonymously, with its checksum", async () => {
    await moveAssessmentTo(h.db, assessment.id, "published");
    const res = await publicDownload(ids.publicDoc);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(publicPdf)).toBe(true);
    expect(res.headers.get("X-Checksum-SHA256")).toBe(createHash("sha256").update(publicPdf).digest("hex"));
    expect(res.headers.get("Content-Disposition")).toContain("mobility-strategy.pdf");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("answers 404 anonymously for a document not marked public, other kinds and unknown ids; members still download it", async () => {
    for (const id of [ids.privateDoc, ids.link, ids.rejected, crypto.randomUUID(), "not-an-id"]) {
      const res = await publicDownload(id);
      expect(res.status, id).toBe(404);
      expect(await res.text()).not.toContain("budget-sheet");
    }
    // The member route is unchanged: anonymous is refused, the city's department still downloads.
    const request = () => new Request(`http://localhost/api/evidence/${ids.privateDoc}/file`);
    expect((await serveEvidenceFile(request(), ids.privateDoc, deps(null))).status).toBe(401);
    const member = await serveEvidenceFile(request(), ids.privateDoc, deps(cast.users.department.id));
    expect(member.status).toBe(200);
    expect(Buffer.from(await member.arrayBuffer()).equals(privatePdf)).toBe(true);
  });
});

describe("the public city page data", () => {
  it("traces criteria to the accepted evidence the expert cited, with only the content its contributors made public", async () => {
    const page = await callerFor(h.db, null).public.city({ slug: cast.city.slug });
    expect(page.latestAssessment?.id).toBe(assessment.id);
    const byId = new Map(page.evidence.map((e) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual([ids.publicDoc, ids.privateDoc, ids.link, ids.kpi].sort());

    expect(page.criterionEvidence).toEqual([
      { criterionKey: criteria[0].key, evidenceIds: expect.arrayContaining([ids.publicDoc, ids.link]) },
      { criterionKey: criteria[1].key, evidenceIds: [ids.kpi] },
    ]);
    expect(page.criterionEvidence[0].evidenceIds).toHaveLength(2);

    const publicDoc = byId.get(ids.publicDoc)!;
    expect(publicDoc).toMatchObject({ kind: "document", revision: 1, publicContent: true });
    expect(publicDoc.file).toEqual({
      sha256: createHash("sha256").update(publicPdf).digest("hex"),
      sizeBytes: publicPdf.byteLength,
      mimeType: "application/pdf",
      filename: "mobility-strategy.pdf",
      url: `/api/evidence/${ids.publicDoc}/public-file`,
    });
    // A private document: its checksum (which version was accepted), no name, no download.
    expect(byId.get(ids.privateDoc)!.file).toEqual({
      sha256: createHash("sha256").update(privatePdf).digest("hex"),
      sizeBytes: privatePdf.byteLength,
      mimeType: null,
      filename: null,
      url: null,
    });
    expect(byId.get(ids.link)!.url).toBe(SAMPLE_CONTENT.link.payload.url);
    // The KPI's contributor kept the value private.
    expect(byId.get(ids.kpi)).toMatchObject({ kpi: null, publicContent: false });
  });

  it("never carries unreviewed or rejected evidence, review notes or judgement notes", async () => {
    const text = JSON.stringify(await callerFor(h.db, null).public.city({ slug: cast.city.slug }));
    for (const hidden of [
      ids.rejected,
      ids.pending,
      "Vendor price list",
      "Draft funding memo",
      INTERNAL_JUDGEMENT_NOTE,
      INTERNAL_REVIEW_NOTE,
      "budget-sheet.pdf",
      String(SAMPLE_CONTENT.kpi.payload.value),
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("shows a public KPI's value and unit", async () => {
    // A second city whose published KPI keeps the default (public).
    const { cast: other, assessment: draft } = await makeCastWithAssessment(h.db, { rated: true });
    const created = await callerFor(h.db, other.users.department.id).evidence.submit({
      assessmentId: draft.id,
      characteristicKey: "funding",
      ...SAMPLE_CONTENT.kpi,
    } as never);
    await callerFor(h.db, other.users.expert.id).review.decide({ evidenceId: created.id, revision: 1, decision: "accepted" });
    await moveAssessmentTo(h.db, draft.id, "published");
    const page = await callerFor(h.db, null).public.city({ slug: other.city.slug });
    expect(page.evidence[0]).toMatchObject({
      publicContent: true,
      kpi: { indicatorName: "Households with fibre broadband", value: 87.5, unit: "%", measuredOn: "2025-06-30", target: 95 },
    });
    expect(page.criterionEvidence).toEqual([]);
  });

  it("stops the public download once the assessment is withdrawn", async () => {
    await withdrawPublished(h.db, assessment.id);
    expect((await publicDownload(ids.publicDoc)).status).toBe(404);
  });
});

describe("migration 0009", () => {
  it("backfills the defaults on existing rows, published ones included: links and KPIs public, documents not", async () => {
    const published = [ids.publicDoc, ids.privateDoc, ids.link, ids.kpi];
    await moveAssessmentTo(h.db, assessment.id, "published");
    // As before the column existed: every row at the column default (false), written past the freeze.
    await h.db.execute(sql.raw('ALTER TABLE "evidence" DISABLE TRIGGER "evidence_published_freeze"'));
    await h.db.update(evidence).set({ publicContent: false }).where(inArray(evidence.id, published));
    await h.db.execute(sql.raw('ALTER TABLE "evidence" ENABLE TRIGGER "evidence_published_freeze"'));

    const statements = readFileSync("db/migrations/0009_evidence_public_content.sql", "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => !s.includes("ADD COLUMN"));
    await h.db.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(sql.raw(statement));
    });
    const rows = await h.db
      .select({ id: evidence.id, publicContent: evidence.publicContent })
      .from(evidence)
      .where(inArray(evidence.id, published));
    const choice = new Map(rows.map((r) => [r.id, r.publicContent]));
    expect([choice.get(ids.publicDoc), choice.get(ids.privateDoc), choice.get(ids.link), choice.get(ids.kpi)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
    // The freeze is back on afterwards.
    await expect(h.db.update(evidence).set({ title: "changed" }).where(eq(evidence.id, ids.link))).rejects.toThrow();
  });
});
