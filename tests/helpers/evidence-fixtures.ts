import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { ZodError } from "zod";
import { DomainError } from "@/server/errors/domain-error";
import type { EvidenceContentInput } from "@/server/evidence/evidence-schemas";
import { localFolderStorage } from "@/server/storage/local-folder-storage";

export const SAMPLE_CONTENT = {
  link: {
    kind: "link",
    title: "Open data portal",
    criterionKeys: [],
    payload: { url: "https://opendata.example.org", description: "The city's open data portal." },
  },
  kpi: {
    kind: "kpi",
    title: "Broadband coverage",
    criterionKeys: [],
    payload: {
      indicatorName: "Households with fibre broadband",
      value: 87.5,
      unit: "%",
      measuredOn: "2025-06-30",
      target: 95,
      standard: "itu_u4ssc",
    },
  },
  ppp: {
    kind: "ppp",
    title: "Smart lighting concession",
    criterionKeys: [],
    payload: {
      partnerOrganisation: "Lumen Infra SA",
      model: "build_operate",
      publicFunding: 2_000_000,
      privateFunding: 5_500_000,
      currency: "EUR",
      termYears: 12,
      riskAllocation: "Partner carries construction and energy price risk; city carries demand risk.",
      servicesCovered: "Street lighting, environmental sensors",
    },
  },
  narrative: {
    kind: "narrative",
    title: "Our smart city vision",
    criterionKeys: [],
    payload: {
      questionKey: "smart_city_strategy.q1",
      answer: "The vision is a liveable, low-carbon city where services are digital by default.",
    },
  },
} satisfies Record<string, EvidenceContentInput>;

/** A minimal but well-formed PDF. */
export function pdfBytes(text = "Evidence"): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A Windows executable's first bytes (MZ header with a PE signature). */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "ascii");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "binary");
  return bytes;
}

export function elfBytes(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256)]);
}

/** A stored (uncompressed) zip with the given entries: enough for OOXML detection. */
export function zipBytes(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export function docxBytes(): Buffer {
  return zipBytes({
    "[Content_Types].xml":
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  });
}

/** A Compound File header followed by the given UTF-16 stream names (as a directory would hold them). */
export function cfbBytes(streamNames: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(0x03, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const directory = Buffer.alloc(512);
  streamNames.forEach((name, i) => {
    Buffer.from(name, "utf16le").copy(directory, i * 128);
  });
  return Buffer.concat([header, directory]);
}

export async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

/** A local-folder storage in a fresh temp folder, and a way to count what it holds. */
export function tempStorage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evidence-storage-"));
  const storage = localFolderStorage(dir);
  const storedObjectCount = () => {
    let n = 0;
    const walk = (d: string) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(d, entry.name));
        else n++;
      }
    };
    walk(dir);
    return n;
  };
  return { dir, storage, storedObjectCount, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** The field messages a form would show for a caller error: zod issues or a DomainError's fields. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof ZodError) {
    const out: Record<string, string[]> = {};
    for (const issue of cause.issues) {
      const key = issue.path.length ? issue.path.join(".") : "_";
      out[key] = [...(out[key] ?? []), issue.message];
    }
    return out;
  }
  if (cause instanceof DomainError) return cause.fieldErrors ?? {};
  return {};
}
