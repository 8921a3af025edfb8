import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";

/**
 * Noto Sans SC from `@fontsource/noto-sans-sc` (an npm package, so a fresh clone needs no system
 * fonts). Fontsource ships the font cut into ~100 files by Unicode range (as browsers load it); the
 * report picks, for each run of text, the file that holds its characters, and pdfkit (fontkit)
 * embeds only the glyphs used from each file, so a report stays small.
 */

const PACKAGE_DIR = path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans-sc");

export type FontWeight = 400 | 700;

type Slice = { file: string; ranges: [number, number][] };

const slicesByWeight = new Map<FontWeight, Slice[]>();
const bytesByFile = new Map<string, Buffer>();

function parseRange(part: string): [number, number] {
  const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
  const start = Number.parseInt(from, 16);
  return [start, to ? Number.parseInt(to, 16) : start];
}

/** The @font-face rules of one weight: each file with the code points it covers. */
function slicesOf(weight: FontWeight): Slice[] {
  let slices = slicesByWeight.get(weight);
  if (!slices) {
    const css = readFileSync(path.join(PACKAGE_DIR, `${weight}.css`), "utf8");
    slices = [];
    for (const rule of css.split("@font-face").slice(1)) {
      const file = /url\(\.\/files\/([^)]+?\.woff)\)/.exec(rule)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
      if (file && range) slices.push({ file, ranges: range.split(",").map(parseRange) });
    }
    // Latin first: a character some numbered file also holds should not split an English word.
    slices.sort((a, b) => Number(b.file.includes("-latin-")) - Number(a.file.includes("-latin-")));
    slicesByWeight.set(weight, slices);
  }
  return slices;
}

const indexByCodePoint = new Map<FontWeight, Map<number, number>>();

/** Which file holds a character (-1: none); remembered, as a report repeats the same few thousand. */
function sliceIndexOf(weight: FontWeight, slices: Slice[], codePoint: number): number {
  let known = indexByCodePoint.get(weight);
  if (!known) {
    known = new Map();
    indexByCodePoint.set(weight, known);
  }
  let index = known.get(codePoint);
  if (index === undefined) {
    index = slices.findIndex((slice) => slice.ranges.some(([start, end]) => codePoint >= start && codePoint <= end));
    known.set(codePoint, index);
  }
  return index;
}

/** A run of text and the font file that draws it. */
export type FontRun = { text: string; font: string };

/**
 * Cuts text into runs that one font file can draw. Spaces and characters no file covers join the
 * run before them (a missing glyph prints as a blank, never as a wrong character).
 */
export function fontRunsOf(text: string, weight: FontWeight): FontRun[] {
  const slices = slicesOf(weight);
  const runs: FontRun[] = [];
  let current: { text: string; index: number } | null = null;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const found = cp === 0x20 ? -1 : sliceIndexOf(weight, slices, cp);
    const index: number = found === -1 ? (current?.index ?? -1) : found;
    if (current && (current.index === index || current.index === -1)) {
      current.text += char;
      if (current.index === -1) current.index = index;
    } else {
      if (current) runs.push(toRun(current, weight));
      current = { text: char, index };
    }
  }
  if (current) runs.push(toRun(current, weight));
  return runs;

  function toRun(run: { text: string; index: number }, w: FontWeight): FontRun {
    const file = slices[Math.max(run.index, 0)]?.file ?? slices[0].file;
    return { text: run.text, font: `${w}:${file}` };
  }
}

/** The bytes of a font named by fontRunsOf (read once per process). */
export function fontBytes(font: string): Buffer {
  let bytes = bytesByFile.get(font);
  if (!bytes) {
    bytes = woffToSfnt(readFileSync(path.join(PACKAGE_DIR, "files", font.slice(font.indexOf(":") + 1))));
    bytesByFile.set(font, bytes);
  }
  return bytes;
}

/**
 * WOFF → plain TrueType, once per file and process. fontkit reads WOFF itself, but inflates its
 * tables in JavaScript on every document (most of a report's rendering time); node's zlib does it
 * once here. Layout of both formats: https://www.w3.org/TR/WOFF/.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  const headerLength = 12 + 16 * numTables;
  const padded = (n: number) => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  woff.copy(out, 0, 4, 8); // flavor
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const entry = 12 + i * 16;
    table.tag.copy(out, entry);
    out.writeUInt32BE(table.checksum, entry + 4);
    out.writeUInt32BE(offset, entry + 8);
    out.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}
