import { describe, expect, it } from "vitest";
import {
  DEFAULT_ZIP_CONTAINER_LIMITS,
  detectEvidenceFileType,
  readZipCentralDirectory,
  zipContainerRefusal,
} from "@/server/evidence/upload-file-types";
import { cfbBytes, docxBytes, elfBytes, exeBytes, PNG_BYTES, pdfBytes, zipBytes } from "../helpers/evidence-fixtures";
import { DOCX_CONTENT_TYPES, deflatedDocx, deflatedOds, deflatedZipBytes } from "../helpers/zip-fixtures";

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
    expect(await detectEvidenceFileType(csv, "kpis.txt")).toMatchObject({
      ok: false,
      message: expect.stringContaining("could not be recognised"),
    });
  });

  it("refuses a Windows executable renamed .pdf, naming what it is", async () => {
    const result = await detectEvidenceFileType(exeBytes(), "budget.pdf");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Windows executable named as .pdf") });
  });

  it("refuses a Linux executable", async () => {
    expect(await detectEvidenceFileType(elfBytes(), "report.pdf")).toMatchObject({
      ok: false,
      message: expect.stringContaining("Linux executable"),
    });
  });

  it("refuses an allowed type whose name claims another type", async () => {
    const result = await detectEvidenceFileType(PNG_BYTES, "scan.pdf");
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("ends in .pdf, but the content is a PNG image") });
  });

  it("refuses a CSV name on binary content", async () => {
    const binary = Buffer.from([0x41, 0x00, 0x42, 0xff, 0xfe]);
    expect(await detectEvidenceFileType(binary, "data.csv")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not plain UTF-8 text"),
    });
  });

  it("accepts a legacy .doc but refuses another compound file (e.g. an installer) named .doc", async () => {
    expect(await detectEvidenceFileType(cfbBytes(["Root Entry", "WordDocument"]), "old.doc")).toMatchObject({
      ok: true,
      mimeType: "application/msword",
    });
    expect(await detectEvidenceFileType(cfbBytes(["Root Entry", "SummaryInformation"]), "setup.doc")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not a Word, Excel or PowerPoint 97-2003 file"),
    });
  });

  it("refuses a plain zip archive", async () => {
    expect(await detectEvidenceFileType(zipBytes({ "a.txt": "hello" }), "files.zip")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not accepted"),
    });
  });

  it("refuses an empty file", async () => {
    expect(await detectEvidenceFileType(new Uint8Array(), "empty.pdf")).toEqual({ ok: false, message: "The file is empty." });
  });
});

/** Paragraphs of varied text: compresses like a real document (a few times), not like a bomb. */
function realisticBody(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const p = `<w:p><w:r><w:t>Paragraph ${i}: district ${(i * 7919) % 1013} reports ${(i * 104729) % 99991} sensor readings, budget ${(i * 31337) % 65521} EUR.</w:t></w:r></w:p>`;
    parts.push(p);
    length += p.length;
  }
  return parts.join("");
}

describe("office containers are checked for zip bombs from their central directory", () => {
  it("refuses a 1 MB .docx that holds a 1 GiB entry of zeros", async () => {
    const bomb = deflatedDocx("<w:p/>", [{ name: "word/media/image1.bin", zerosMiB: 1024 }]);
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    expect(readZipCentralDirectory(bomb)?.at(-1)).toMatchObject({ name: "word/media/image1.bin", uncompressed: 1024 * 1024 * 1024 });
    expect(await detectEvidenceFileType(bomb, "plan.docx")).toEqual({
      ok: false,
      message: expect.stringMatching(/expands \d+ times .*zip bomb/),
    });
  });

  it("reads ZIP64 sizes from the extra field, and refuses a ZIP64 bomb", async () => {
    const small = deflatedDocx("<w:p/>", [], { zip64: true });
    expect(readZipCentralDirectory(small)).toEqual([
      { name: "[Content_Types].xml", compressed: expect.any(Number), uncompressed: DOCX_CONTENT_TYPES.length },
      { name: "word/document.xml", compressed: expect.any(Number), uncompressed: expect.any(Number) },
    ]);
    const bomb = deflatedDocx("<w:p/>", [{ name: "word/media/image1.bin", zerosMiB: 256, zip64: true }]);
    expect(readZipCentralDirectory(bomb)?.at(-1)).toMatchObject({ uncompressed: 256 * 1024 * 1024 });
    expect(await detectEvidenceFileType(bomb, "plan.docx")).toMatchObject({ ok: false, message: expect.stringContaining("zip bomb") });
  });

  it("accepts a normal deflated .docx of a few MB, and a small part that compresses very well", async () => {
    const docx = deflatedDocx(realisticBody(3 * 1024 * 1024), [{ name: "word/fonts.bin", data: Buffer.alloc(512 * 1024) }]);
    expect(await detectEvidenceFileType(docx, "plan.docx")).toMatchObject({
      ok: true,
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    expect(await detectEvidenceFileType(docxBytes(), "plan.docx")).toMatchObject({ ok: true });
  });

  it("checks OpenDocument containers the same way", async () => {
    expect(await detectEvidenceFileType(deflatedOds(), "budget.ods")).toMatchObject({
      ok: true,
      mimeType: "application/vnd.oasis.opendocument.spreadsheet",
    });
    const bomb = deflatedOds([{ name: "Thumbnails/thumbnail.png", zerosMiB: 64 }]);
    expect(await detectEvidenceFileType(bomb, "budget.ods")).toMatchObject({ ok: false, message: expect.stringContaining("zip bomb") });
  });

  it("refuses a container whose parts add up past the total limit, and one with too many parts", () => {
    const docx = deflatedDocx(realisticBody(2 * 1024 * 1024));
    expect(zipContainerRefusal(docx, "a Word document")).toBeNull();
    expect(
      zipContainerRefusal(docx, "a Word document", { ...DEFAULT_ZIP_CONTAINER_LIMITS, maxTotalUncompressedBytes: 1024 * 1024 }),
    ).toMatch(/expands to 2 MB when opened, more than the 1 MB allowed/);
    const many = deflatedZipBytes(Array.from({ length: 30 }, (_, i) => ({ name: `word/part${i}.xml`, data: "<x/>" })));
    expect(zipContainerRefusal(many, "a Word document", { ...DEFAULT_ZIP_CONTAINER_LIMITS, maxEntries: 20 })).toMatch(
      /30 parts, more than the 20/,
    );
  });

  it("refuses an office file whose zip directory is missing", async () => {
    const docx = deflatedDocx("<w:p/>");
    const truncated = docx.subarray(0, docx.length - 22);
    expect(await detectEvidenceFileType(truncated, "plan.docx")).toMatchObject({
      ok: false,
      message: expect.stringContaining("zip directory cannot be read"),
    });
  });
});

describe("a file named .csv must be table data, not a web page", () => {
  it.each([
    ["an HTML page", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"],
    ["HTML after a BOM and blank lines", "\uFEFF\n\n   <HTML><head></head></HTML>"],
    ["a bare script tag in upper case", "<SCRIPT src=//evil.example/x.js></SCRIPT>"],
    ["an SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["an iframe after a CSV header", "name,value\n<iframe src=https://evil.example></iframe>"],
    ["a javascript: link", "link\njavascript:alert(document.cookie)"],
  ])("refuses %s renamed data.csv", async (_, text) => {
    expect(await detectEvidenceFileType(Buffer.from(text), "data.csv")).toEqual({
      ok: false,
      message: expect.stringContaining("contains HTML or script"),
    });
  });

  it("accepts a normal CSV, comparison signs and a BOM included", async () => {
    const csv = Buffer.from("\uFEFFindicator,value,note\ncoverage,87.5,>= target\nlatency,<20 ms,a < b\n");
    expect(await detectEvidenceFileType(csv, "data.csv")).toEqual({ ok: true, mimeType: "text/csv", extension: "csv" });
  });
});
