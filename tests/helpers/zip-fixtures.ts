import zlib from "node:zlib";

/**
 * Zip containers built byte by byte, with deflated entries, for the zip-bomb checks. An entry is
 * either real bytes or `zerosMiB` mebibytes of zeros: those are deflated once per MiB with a full
 * flush (which resets the compressor, so every MiB compresses to the same bytes) and the block is
 * repeated, then closed with an empty final block. The result is a valid deflate stream that really
 * inflates to that many zeros, built in milliseconds instead of deflating a gibibyte.
 */
export type ZipEntrySpec = { name: string; data?: Buffer | string; zerosMiB?: number; zip64?: boolean; stored?: boolean };

const MIB = 1024 * 1024;
const EMPTY_FINAL_BLOCK = Buffer.from([0x03, 0x00]);
let zeroBlock: Buffer | null = null;

function deflatedZeros(mib: number): { compressed: Buffer; crc: number; size: number } {
  zeroBlock ??= zlib.deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const zeros = Buffer.alloc(MIB);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(zeros, crc);
  return { compressed: Buffer.concat([...Array<Buffer>(mib).fill(zeroBlock), EMPTY_FINAL_BLOCK]), crc, size: mib * MIB };
}

function deflated(data: Buffer): { compressed: Buffer; crc: number; size: number } {
  return { compressed: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

export function deflatedZipBytes(entries: ZipEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.from(entry.data ?? "");
    const { compressed, crc, size } = entry.zerosMiB
      ? deflatedZeros(entry.zerosMiB)
      : entry.stored
        ? { compressed: raw, crc: zlib.crc32(raw), size: raw.length }
        : deflated(raw);
    const method = entry.stored ? 0 : 8;
    const name = Buffer.from(entry.name);
    // ZIP64: the 32-bit size fields saturate and an extra field (id 1) holds the 64-bit sizes.
    const extra = entry.zip64 ? Buffer.alloc(4 + 16) : Buffer.alloc(0);
    if (entry.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressed.length), 12);
    }
    const csize = entry.zip64 ? 0xffffffff : compressed.length;
    const usize = entry.zip64 ? 0xffffffff : size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(entry.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(csize, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.zip64 ? 45 : 20, 4);
    central.writeUInt16LE(entry.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(csize, 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, extra, compressed);
    centrals.push(central, name, extra);
    offset += local.length + name.length + extra.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...centrals, end]);
}

export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A deflated .docx with a document body and, optionally, more parts (e.g. a zero-filled "image"). */
export function deflatedDocx(body: string, more: ZipEntrySpec[] = [], options: { zip64?: boolean } = {}): Buffer {
  return deflatedZipBytes([
    { name: "[Content_Types].xml", data: DOCX_CONTENT_TYPES, zip64: options.zip64 },
    {
      name: "word/document.xml",
      data: `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      zip64: options.zip64,
    },
    ...more,
  ]);
}

/** An OpenDocument spreadsheet: the stored `mimetype` entry first, as the format requires. */
export function deflatedOds(more: ZipEntrySpec[] = []): Buffer {
  return deflatedZipBytes([
    { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", stored: true },
    {
      name: "content.xml",
      data: '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    },
    ...more,
  ]);
}
