import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents } from "@/db/schema/audit";
import { evidence, evidenceRevisions, storedFiles } from "@/db/schema/evidence";
import { openEvidenceFile } from "@/server/evidence/evidence-files";
import { storeEvidenceUpload } from "@/server/evidence/evidence-uploads";
import {
  cfbBytes,
  chunksOf,
  docxBytes,
  elfBytes,
  exeBytes,
  fieldErrorsOf,
  PNG_BYTES,
  pdfBytes,
  readAll,
  SAMPLE_CONTENT,
  tempStorage,
} from "../helpers/evidence-fixtures";
import { type Assessment, type CityCast, callerFor, makeCastWithAssessment } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { deflatedDocx } from "../helpers/zip-fixtures";

let h: DatabaseHandle;
let cast: CityCast;
let assessment: Assessment;
let assessmentId: string;
const files = tempStorage();

beforeAll(async () => {
  h = await createTestDb();
  ({ cast, assessment } = await makeCastWithAssessment(h.db));
  assessmentId = assessment.id;
});
afterAll(async () => {
  await h.close();
  files.cleanup();
});

async function evidenceCount() {
  const [row] = await h.db.select({ n: count() }).from(evidence).where(eq(evidence.assessmentId, assessmentId));
  return row.n;
}
async function storedFileCount() {
  const [row] = await h.db.select({ n: count() }).from(storedFiles).where(eq(storedFiles.cityId, cast.city.id));
  return row.n;
}

/** Submits as the department and returns the error's message and field messages. */
async function refusal(input: Record<string, unknown>, as: "department" | "partner" = "department") {
  const before = await evidenceCount();
  const error = await callerFor(h.db, cast.users[as].id)
    .evidence.submit({ assessmentId, characteristicKey: "funding", ...input } as never)
    .then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
  expect(error, "the submission should have been refused").not.toBeNull();
  expect(await evidenceCount(), "nothing may be stored").toBe(before);
  return { code: error!.code, message: error!.message, fieldErrors: fieldErrorsOf(error) };
}

describe("evidence validation: each kind refuses bad input with a clear message and stores nothing", () => {
  it("refuses a link whose URL is not http or https", async () => {
    for (const url of ["javascript:alert(1)", "ftp://files.example.org/report.pdf", "file:///etc/passwd"]) {
      const result = await refusal({ ...SAMPLE_CONTENT.link, payload: { ...SAMPLE_CONTENT.link.payload, url } });
      expect(result.code).toBe("BAD_REQUEST");
      expect(result.fieldErrors["payload.url"]).toEqual(["URL must start with http:// or https://"]);
    }
  });

  it("refuses a link URL that is not complete", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.link, payload: { ...SAMPLE_CONTENT.link.payload, url: "https://" } });
    expect(result.fieldErrors["payload.url"]?.[0]).toMatch(/complete URL/);
  });

  it("refuses a PPP agreement with negative funding, naming the field", async () => {
    const result = await refusal(
      { ...SAMPLE_CONTENT.ppp, payload: { ...SAMPLE_CONTENT.ppp.payload, publicFunding: -5, privateFunding: -1 } },
      "partner",
    );
    expect(result.fieldErrors["payload.publicFunding"]).toEqual(["Public funding must be zero or more"]);
    expect(result.fieldErrors["payload.privateFunding"]).toEqual(["Private funding must be zero or more"]);
  });

  it("refuses an unknown currency and says which codes to use", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.ppp, payload: { ...SAMPLE_CONTENT.ppp.payload, currency: "xyz" } }, "partner");
    expect(result.fieldErrors["payload.currency"]).toEqual(["Unknown currency: XYZ (use an ISO 4217 code such as EUR, CNY, USD)"]);
  });

  it("refuses a PPP term that is not a whole number of years", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.ppp, payload: { ...SAMPLE_CONTENT.ppp.payload, termYears: 2.5 } }, "partner");
    expect(result.fieldErrors["payload.termYears"]).toEqual(["The term must be a whole number of years."]);
  });

  it("asks for a description when the PPP model is 'other'", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.ppp, payload: { ...SAMPLE_CONTENT.ppp.payload, model: "other" } }, "partner");
    expect(result.fieldErrors["payload.modelDetail"]).toEqual(["Describe the partnership model."]);
  });

  it("refuses a KPI measured in the future, with a non-numeric value, or an unknown standard", async () => {
    const result = await refusal({
      ...SAMPLE_CONTENT.kpi,
      payload: { ...SAMPLE_CONTENT.kpi.payload, measuredOn: "2999-01-01", value: "lots", standard: "iso_9001" },
    });
    expect(result.fieldErrors["payload.measuredOn"]).toEqual(["The measurement date cannot be in the future."]);
    expect(result.fieldErrors["payload.value"]).toEqual(["The value must be a number."]);
    expect(result.fieldErrors["payload.standard"]).toEqual(["Choose the standard the indicator is benchmarked against."]);
  });

  it("refuses an impossible KPI date", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.kpi, payload: { ...SAMPLE_CONTENT.kpi.payload, measuredOn: "2025-02-30" } });
    expect(result.fieldErrors["payload.measuredOn"]).toEqual(["Enter a date as yyyy-mm-dd, e.g. 2025-12-31."]);
  });

  it("refuses a narrative that answers a question of another characteristic", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.narrative });
    expect(result.fieldErrors["payload.questionKey"]?.[0]).toMatch(/guiding questions of Funding/);
  });

  it("refuses criteria that belong to another characteristic", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.link, criterionKeys: ["smart_city_strategy.basic.1"] });
    expect(result.fieldErrors.criterionKeys?.[0]).toMatch(/Not a criterion of Funding: smart_city_strategy\.basic\.1/);
  });

  it("keeps partners to funding, business models, ICT infrastructure and services", async () => {
    const result = await refusal({ ...SAMPLE_CONTENT.link, characteristicKey: "governance" }, "partner");
    expect(result.code).toBe("FORBIDDEN");
    expect(result.message).toMatch(/Industry partners contribute evidence on Funding/);
  });

  it("refuses a document that points at a file nobody uploaded for this city", async () => {
    const result = await refusal({ kind: "document", title: "Budget", criterionKeys: [], payload: { fileId: crypto.randomUUID() } });
    expect(result.fieldErrors["payload.fileId"]).toEqual(["This upload was not found. Upload the file again."]);
  });

  it("stores a valid submission of each kind as revision 1", async () => {
    const department = callerFor(h.db, cast.users.department.id);
    for (const content of [SAMPLE_CONTENT.link, SAMPLE_CONTENT.kpi, SAMPLE_CONTENT.ppp]) {
      const created = await department.evidence.submit({ assessmentId, characteristicKey: "funding", ...content });
      expect(created.status).toBe("submitted");
      const revisions = await h.db.select().from(evidenceRevisions).where(eq(evidenceRevisions.evidenceId, created.id));
      expect(revisions.map((r) => r.revision)).toEqual([1]);
    }
    const narrative = await department.evidence.submit({
      assessmentId,
      characteristicKey: "smart_city_strategy",
      ...SAMPLE_CONTENT.narrative,
    });
    expect(narrative.kind).toBe("narrative");
  });
});

describe("evidence uploads", () => {
  const actor = () => ({ userId: cast.users.department.id, role: "department" as const });
  const upload = (bytes: Uint8Array, filename: string, maxBytes = 25 * 1024 * 1024, declaredSize?: number) =>
    storeEvidenceUpload(h.db, files.storage, actor(), assessment, { filename, chunks: chunksOf(bytes), maxBytes, declaredSize });

  async function expectRefusedAndNothingStored(attempt: () => Promise<unknown>, message: RegExp) {
    const rowsBefore = await storedFileCount();
    const objectsBefore = files.storedObjectCount();
    const error = (await attempt().then(
      () => null,
      (e: unknown) => e,
    )) as { code: string; message: string; fieldErrors?: Record<string, string[]> } | null;
    expect(error?.code).toBe("BAD_REQUEST");
    expect(error?.message).toMatch(message);
    expect(error?.fieldErrors?.file?.[0]).toMatch(message);
    expect(await storedFileCount()).toBe(rowsBefore);
    expect(files.storedObjectCount()).toBe(objectsBefore);
  }

  it("refuses an executable renamed .pdf and stores nothing", async () => {
    await expectRefusedAndNothingStored(() => upload(exeBytes(), "annual-report.pdf"), /Windows executable named as \.pdf/);
  });

  it("refuses an ELF binary renamed .pdf and stores nothing", async () => {
    await expectRefusedAndNothingStored(() => upload(elfBytes(), "annual-report.pdf"), /Linux executable/);
  });

  it("refuses a file over the configured limit while reading it, and stores nothing", async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(300 * 1024)]);
    let chunksRead = 0;
    async function* counting() {
      for await (const chunk of chunksOf(big, 16 * 1024)) {
        chunksRead++;
        yield chunk;
      }
    }
    const attempt = () =>
      storeEvidenceUpload(h.db, files.storage, actor(), assessment, { filename: "big.pdf", chunks: counting(), maxBytes: 100 * 1024 });
    await expectRefusedAndNothingStored(attempt, /larger than the 0\.1 MB limit/);
    expect(chunksRead).toBeLessThan(big.length / (16 * 1024));
  });

  it("refuses a declared size over the limit before reading anything", async () => {
    await expectRefusedAndNothingStored(() => upload(pdfBytes(), "x.pdf", 1024 * 1024, 30 * 1024 * 1024), /larger than the 1 MB limit/);
  });

  it("refuses an installer disguised as a .doc", async () => {
    await expectRefusedAndNothingStored(() => upload(cfbBytes(["Root Entry", "SummaryInformation"]), "minutes.doc"), /may be an installer/);
  });

  it("stores a PDF with its SHA-256, and serves it back to a department colleague", async () => {
    const bytes = pdfBytes("signed strategy");
    const stored = await upload(bytes, "strategy.pdf");
    expect(stored).toMatchObject({ filename: "strategy.pdf", mimeType: "application/pdf", sizeBytes: bytes.length });
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const [audit] = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, stored.id));
    expect(audit.action).toBe("evidence.file_upload");

    const created = await callerFor(h.db, cast.users.department.id).evidence.submit({
      assessmentId,
      characteristicKey: "smart_city_strategy",
      kind: "document",
      title: "Signed strategy",
      criterionKeys: ["smart_city_strategy.basic.1"],
      payload: { fileId: stored.id },
    });
    const opened = await openEvidenceFile(h.db, files.storage, cast.users.leadership.id, created.id);
    expect(opened.file.filename).toBe("strategy.pdf");
    expect(await readAll(opened.body)).toEqual(bytes);
  });

  it("refuses a 1 MB .docx holding a 1 GiB entry of zeros (zip bomb), and stores nothing", async () => {
    const bomb = deflatedDocx("<w:p/>", [{ name: "word/media/image1.bin", zerosMiB: 1024 }]);
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    await expectRefusedAndNothingStored(() => upload(bomb, "plan.docx"), /zip bomb/);
  });

  it("refuses an HTML page renamed data.csv, and stores a real CSV", async () => {
    const page = Buffer.from("<!doctype html>\n<html><body><script>fetch('/api/trpc/accounts.me')</script></body></html>\n");
    await expectRefusedAndNothingStored(() => upload(page, "data.csv"), /contains HTML or script/);
    const csv = Buffer.from("indicator,value\ncoverage,87.5\n");
    expect(await upload(csv, "data.csv")).toMatchObject({ mimeType: "text/csv", sizeBytes: csv.length });
  });

  it("stores Word documents and images", async () => {
    expect((await upload(docxBytes(), "plan.docx")).mimeType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect((await upload(PNG_BYTES, "map.png")).mimeType).toBe("image/png");
  });

  it("does not let another user attach someone else's upload", async () => {
    const stored = await upload(pdfBytes(), "mine.pdf");
    const before = await evidenceCount();
    await expect(
      callerFor(h.db, cast.users.partner.id).evidence.submit({
        assessmentId,
        characteristicKey: "funding",
        kind: "document",
        title: "Borrowed file",
        criterionKeys: [],
        payload: { fileId: stored.id },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await evidenceCount()).toBe(before);
  });
});
