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
  pptx: { names: ["pptx"], mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "a PowerPoint presentation" },
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

function nameMismatch(filename: string, extension: string, label: string): RefusedFileType {
  const named = extension ? `ends in .${extension}` : "has no extension";
  return {
    ok: false,
    message: `The file name "${filename}" ${named}, but the content is ${label}. Upload the right file, or rename it to match its content.`,
  };
}

export async function detectEvidenceFileType(bytes: Uint8Array, filename: string): Promise<AcceptedFileType | RefusedFileType> {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  const extension = extensionOf(filename);
  const detected = await fileTypeFromBuffer(bytes);

  if (!detected) {
    if (extension === "csv") {
      return isPlainUtf8Text(bytes)
        ? { ok: true, mimeType: "text/csv", extension: "csv" }
        : { ok: false, message: "This .csv file is not plain UTF-8 text. Export it again as CSV (UTF-8)." };
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
    if (rule && rule.streams.some((stream) => containsUtf16Name(bytes, stream))) {
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
  return { ok: true, mimeType: rule.mimeType, extension };
}
