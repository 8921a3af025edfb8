import { describe, expect, it } from "vitest";
import { detectEvidenceFileType } from "@/server/evidence/upload-file-types";
import { cfbBytes, docxBytes, elfBytes, exeBytes, pdfBytes, PNG_BYTES, zipBytes } from "../helpers/evidence-fixtures";

describe("evidence file types are decided from the bytes", () => {
  it("accepts a PDF named .pdf", async () => {
    expect(await detectEvidenceFileType(pdfBytes(), "report.pdf")).toEqual({ ok: true, mimeType: "application/pdf", extension: "pdf" });
  });

  it("accepts a Word document and reports its office MIME type", async () => {
    const result = await detectEvidenceFileType(docxBytes(), "plan.docx");
    expect(result).toMatchObject({ ok: true, mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  });

  it("accepts PNG and JPEG name variants", async () => {
    expect(await detectEvidenceFileType(PNG_BYTES, "map.PNG")).toMatchObject({ ok: true, mimeType: "image/png" });
  });

  it("accepts a UTF-8 CSV (no magic bytes) only when named .csv", async () => {
    const csv = Buffer.from("indicator,value\ncoverage,87.5\nCO₂,3\n");
    expect(await detectEvidenceFileType(csv, "kpis.csv")).toMatchObject({ ok: true, mimeType: "text/csv" });
    expect(await detectEvidenceFileType(csv, "kpis.txt")).toMatchObject({ ok: false, message: expect.stringContaining("could not be recognised") });
  });

  it("refuses a Windows executable renamed .pdf, naming what it is", async () => {
    const result = await detectEvidenceFileType(exeBytes(), "budget.pdf");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Windows executable named as .pdf") });
  });

  it("refuses a Linux executable", async () => {
    expect(await detectEvidenceFileType(elfBytes(), "report.pdf")).toMatchObject({ ok: false, message: expect.stringContaining("Linux executable") });
  });

  it("refuses an allowed type whose name claims another type", async () => {
    const result = await detectEvidenceFileType(PNG_BYTES, "scan.pdf");
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("ends in .pdf, but the content is a PNG image") });
  });

  it("refuses a CSV name on binary content", async () => {
    const binary = Buffer.from([0x41, 0x00, 0x42, 0xff, 0xfe]);
    expect(await detectEvidenceFileType(binary, "data.csv")).toMatchObject({ ok: false, message: expect.stringContaining("not plain UTF-8 text") });
  });

  it("accepts a legacy .doc but refuses another compound file (e.g. an installer) named .doc", async () => {
    expect(await detectEvidenceFileType(cfbBytes(["Root Entry", "WordDocument"]), "old.doc")).toMatchObject({ ok: true, mimeType: "application/msword" });
    expect(await detectEvidenceFileType(cfbBytes(["Root Entry", "SummaryInformation"]), "setup.doc")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not a Word, Excel or PowerPoint 97-2003 file"),
    });
  });

  it("refuses a plain zip archive", async () => {
    expect(await detectEvidenceFileType(zipBytes({ "a.txt": "hello" }), "files.zip")).toMatchObject({ ok: false, message: expect.stringContaining("not accepted") });
  });

  it("refuses an empty file", async () => {
    expect(await detectEvidenceFileType(new Uint8Array(), "empty.pdf")).toEqual({ ok: false, message: "The file is empty." });
  });
});
