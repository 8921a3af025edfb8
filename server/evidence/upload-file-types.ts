import { fileTypeFromBuffer } from "file-type";
import { ACCEPTED_FILE_SUMMARY } from "./accepted-file-types";

/**
 * Decides what an uploaded file is from its bytes, never from its name or the browser's claim, and
 * whether evidence may be of that type. The name must agree with the content, so an executable
 * renamed `report.pdf` (or a PNG named `.pdf`) is refused rather than stored under a false label.
 */
export type AcceptedFileType = { ok: true; mimeType: string; extension: string };
export type RefusedFileType = { ok: false; message: string };

type Rule = { names: readonly string[]; mimeType: string; label: string };

/** By the extension file-type detects from the content. */
const RULES_BY_DETECTED: Record<string, Rule> = {
  pdf: { names: ["pdf"], mimeType: "application/pdf", label: "a PDF document" },
  docx: { names: ["docx"], mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "a Word document" },
  xlsx: { names: ["xlsx"], mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "an Excel workbook" },
  pptx: {
    names: ["pptx"],
    mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    label: "a PowerPoint presentation",
  },
  odt: { names: ["odt"], mimeType: "application/vnd.oasis.opendocument.text", label: "an OpenDocument text" },
  ods: { names: ["ods"], mimeType: "application/vnd.oasis.opendocument.spreadsheet", label: "an OpenDocument spreadsheet" },
  odp: { names: ["odp"], mimeType: "application/vnd.oasis.opendocument.presentation", label: "an OpenDocument presentation" },
  png: { names: ["png"], mimeType: "image/png", label: "a PNG image" },
  jpg: { names: ["jpg", "jpeg", "jpe"], mimeType: "image/jpeg", label: "a JPEG image" },
  gif: { names: ["gif"], mimeType: "image/gif", label: "a GIF image" },
  webp: { names: ["webp"], mimeType: "image/webp", label: "a WebP image" },
};

/**
 * Legacy Office files are all Compound File Binary containers, like Windows installers (.msi). The
 * stream names inside tell them apart: a .doc holds "WordDocument", a .xls "Workbook" (or "Book"),
 * a .ppt "PowerPoint Document".
 */
const CFB_RULES: Record<string, { streams: string[]; mimeType: string; label: string }> = {
  doc: { streams: ["WordDocument"], mimeType: "application/msword", label: "a Word 97-2003 document" },
  xls: { streams: ["Workbook", "Book"], mimeType: "application/vnd.ms-excel", label: "an Excel 97-2003 workbook" },
  ppt: { streams: ["PowerPoint Document"], mimeType: "application/vnd.ms-powerpoint", label: "a PowerPoint 97-2003 presentation" },
};

const EXECUTABLE_LABELS: Record<string, string> = {
  exe: "a Windows executable",
  elf: "a Linux executable",
  mach: "a macOS executable",
  class: "a Java class file",
  jar: "a Java archive",
  apk: "an Android app",
  wasm: "a WebAssembly module",
  msi: "a Windows installer",
  deb: "a Debian package",
  rpm: "an RPM package",
  dmg: "a macOS disk image",
  dex: "an Android executable",
};

export function extensionOf(filename: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename.trim());
  return match ? match[1].toLowerCase() : "";
}

function containsUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** UTF-8 text without NUL bytes: what a CSV export looks like, and what binaries are not. */
function isPlainUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Zip bombs. OOXML and OpenDocument files are zip containers; a small upload can declare entries that
 * inflate to gigabytes in whatever opens, indexes, scans or previews it. We read only the central
 * directory (the index every zip reader plans extraction from) and refuse a container whose declared
 * sizes are out of proportion. Declared sizes can lie, but the server never inflates an upload (the
 * type sniffer inflates at most 1 MB of one entry), so a lie cannot cost the server anything; a reader
 * that trusts the directory sees the same sizes we checked, and one that does not checks the CRC.
 *
 * Read by hand (~60 lines) rather than with a zip library: we need three numbers per entry and no
 * inflation, and the usual libraries (yauzl, jszip) are stream/callback APIs that would add a
 * dependency to check what the end-of-central-directory and central headers state plainly.
 */
export type ZipContainerLimits = {
  /** Sum of every entry's declared uncompressed size. */
  maxTotalUncompressedBytes: number;
  maxEntries: number;
  /** Uncompressed : compressed, checked for entries larger than ratioCheckMinBytes (tiny XML parts compress well). */
  maxEntryRatio: number;
  ratioCheckMinBytes: number;
};

/** 20 × the default 25 MB upload cap: a real 25 MB workbook of XML stays well under it. */
export const DEFAULT_ZIP_CONTAINER_LIMITS: ZipContainerLimits = {
  maxTotalUncompressedBytes: 500 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
};

const ZIP_CONTAINERS = new Set(["docx", "xlsx", "pptx", "odt", "ods", "odp"]);

type ZipEntrySize = { name: string; compressed: number; uncompressed: number };

/** Entry sizes from the central directory, or null when the directory is missing or malformed. */
export function readZipCentralDirectory(bytes: Uint8Array): ZipEntrySize[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (at: number) => (at + 8 <= buf.length ? Number(buf.readBigUInt64LE(at)) : NaN);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) return null; // multi-disk
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: a locator just before the EOCD points at the ZIP64 end record holding 64-bit values.
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50) return null;
    const record = u64(locator + 8);
    if (!(record >= 0 && record + 56 <= buf.length) || buf.readUInt32LE(record) !== 0x06064b50) return null;
    [count, size, offset] = [u64(record + 32), u64(record + 40), u64(record + 48)];
  }
  if (!(offset + size <= buf.length)) return null;
  const entries: ZipEntrySize[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || buf.readUInt32LE(at) !== 0x02014b50) return null;
    let compressed = buf.readUInt32LE(at + 20);
    let uncompressed = buf.readUInt32LE(at + 24);
    const [nameLength, extraLength, commentLength] = [buf.readUInt16LE(at + 28), buf.readUInt16LE(at + 30), buf.readUInt16LE(at + 32)];
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > offset + size) return null;
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) {
      // ZIP64 extra field (id 1): the 64-bit uncompressed, then compressed size, each only if its 32-bit field is saturated.
      let field = at + 46 + nameLength;
      const end = field + extraLength;
      while (field + 4 <= end && buf.readUInt16LE(field) !== 0x0001) field += 4 + buf.readUInt16LE(field + 2);
      if (field + 4 > end) return null;
      let value = field + 4;
      if (uncompressed === 0xffffffff) [uncompressed, value] = [u64(value), value + 8];
      if (compressed === 0xffffffff) compressed = u64(value);
      if (!Number.isFinite(uncompressed) || !Number.isFinite(compressed)) return null;
    }
    entries.push({ name, compressed, uncompressed });
    at = next;
  }
  return entries;
}

/** Why a zip container is refused, or null when its declared sizes are in proportion. */
export function zipContainerRefusal(
  bytes: Uint8Array,
  label: string,
  limits: ZipContainerLimits = DEFAULT_ZIP_CONTAINER_LIMITS,
): string | null {
  const entries = readZipCentralDirectory(bytes);
  if (!entries)
    return `This file claims to be ${label} but its zip directory cannot be read; it may be damaged. Save it again and upload the new copy.`;
  if (entries.length > limits.maxEntries) {
    return `This file holds ${entries.length} parts, more than the ${limits.maxEntries} a document may have. It may be a zip bomb; it is not accepted.`;
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    const ratio = entry.uncompressed / Math.max(entry.compressed, 1);
    if (entry.uncompressed > limits.ratioCheckMinBytes && ratio > limits.maxEntryRatio) {
      return `This file contains a part that expands ${Math.round(ratio)} times (more than ${limits.maxEntryRatio}×) when opened, the mark of a zip bomb; it is not accepted.`;
    }
  }
  if (total > limits.maxTotalUncompressedBytes) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    return `This file expands to ${mb(total)} when opened, more than the ${mb(limits.maxTotalUncompressedBytes)} allowed; it may be a zip bomb and is not accepted.`;
  }
  return null;
}

/**
 * Markup or script in a file named .csv: a browser or mail client that sniffs it would render or run
 * it, so an HTML page renamed data.csv is refused rather than stored as text/csv. The first KiB is
 * where sniffers look; tags are matched anywhere in it, case-insensitively, after a BOM.
 */
const MARKUP_SIGNS = [
  "<!doctype",
  "<html",
  "<head",
  "<body",
  "<script",
  "<iframe",
  "<frame",
  "<svg",
  "<object",
  "<embed",
  "<meta",
  "<link",
  "<style",
  "<base",
  "<form",
  "<img",
  "<a href",
  "<?xml",
  "javascript:",
  "vbscript:",
];

export function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8")
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .toLowerCase();
  return MARKUP_SIGNS.some((sign) => head.includes(sign));
}

function nameMismatch(filename: string, extension: string, label: string): RefusedFileType {
  const named = extension ? `ends in .${extension}` : "has no extension";
  return {
    ok: false,
    message: `The file name "${filename}" ${named}, but the content is ${label}. Upload the right file, or rename it to match its content.`,
  };
}

export async function detectEvidenceFileType(
  bytes: Uint8Array,
  filename: string,
  zipLimits: ZipContainerLimits = DEFAULT_ZIP_CONTAINER_LIMITS,
): Promise<AcceptedFileType | RefusedFileType> {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  const extension = extensionOf(filename);
  const detected = await fileTypeFromBuffer(bytes);

  if (!detected) {
    if (extension === "csv") {
      if (!isPlainUtf8Text(bytes)) return { ok: false, message: "This .csv file is not plain UTF-8 text. Export it again as CSV (UTF-8)." };
      if (looksLikeMarkup(bytes)) {
        return {
          ok: false,
          message: "This .csv file contains HTML or script, not table data; it is not accepted. Export the data again as CSV (UTF-8).",
        };
      }
      return { ok: true, mimeType: "text/csv", extension: "csv" };
    }
    return { ok: false, message: `The file type could not be recognised from its content. ${ACCEPTED_FILE_SUMMARY}` };
  }

  const executable = EXECUTABLE_LABELS[detected.ext];
  if (executable) {
    const disguise = extension && extension !== detected.ext ? ` named as .${extension}` : "";
    return { ok: false, message: `This file is ${executable}${disguise}; executables are never accepted. ${ACCEPTED_FILE_SUMMARY}` };
  }

  if (detected.ext === "cfb") {
    const rule = CFB_RULES[extension];
    if (rule?.streams.some((stream) => containsUtf16Name(bytes, stream))) {
      return { ok: true, mimeType: rule.mimeType, extension };
    }
    return {
      ok: false,
      message: `This file is a Compound File container that is not a Word, Excel or PowerPoint 97-2003 file (it may be an installer). ${ACCEPTED_FILE_SUMMARY}`,
    };
  }

  const rule = RULES_BY_DETECTED[detected.ext];
  if (!rule) {
    return { ok: false, message: `Files of type .${detected.ext} (${detected.mime}) are not accepted. ${ACCEPTED_FILE_SUMMARY}` };
  }
  if (!rule.names.includes(extension)) return nameMismatch(filename, extension, rule.label);
  if (ZIP_CONTAINERS.has(detected.ext)) {
    const refusal = zipContainerRefusal(bytes, rule.label, zipLimits);
    if (refusal) return { ok: false, message: refusal };
  }
  return { ok: true, mimeType: rule.mimeType, extension };
}
