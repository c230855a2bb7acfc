// What a zip-based upload is, read from the archive's table of contents (its central directory,
// at the end) without unpacking anything: a Word, Excel or PowerPoint file (Office Open XML), an
// OpenDocument text or spreadsheet, or something refused — another archive, a zip bomb (declared
// sizes far beyond the packed ones, or entries packed over each other), macros, encryption.
import type { FileKind } from './kinds';
import type { Refusal } from './sniff';

const EOCD_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
const EOCD_BYTES = 22;
const MAX_COMMENT = 0xffff;
const LOCAL_HEADER_BYTES = 30;

/** Limits that no real office document comes near. */
const MAX_ENTRIES = 10_000;
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
const MAX_UNPACKED_TOTAL = 1024 * 1024 * 1024;
/** An entry over this size unpacked that unpacks to more than RATIO times its packed size is a bomb. */
const BOMB_ENTRY_BYTES = 10 * 1024 * 1024;
const BOMB_RATIO = 100;

const ODF_KINDS: Record<string, FileKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};
const OOXML_AREAS: Array<[string, FileKind]> = [
  ['word/', 'docx'],
  ['xl/', 'xlsx'],
  ['ppt/', 'pptx'],
];

interface Entry {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  offset: number;
}

export type ZipVerdict = { kind: FileKind } | { refusal: Refusal };

type ReadRange = (start: number, end: number) => Promise<Buffer>;

function findEndRecord(tail: Buffer): number {
  for (let i = tail.length - EOCD_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_BYTES + tail.readUInt16LE(i + 20) === tail.length) return i;
  }
  return -1;
}

function parseDirectory(directory: Buffer, count: number): Entry[] | 'encrypted' | 'damaged' {
  const entries: Entry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== ENTRY_SIGNATURE) return 'damaged';
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const end = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (end > directory.length) return 'damaged';
    if (flags & 1) return 'encrypted';
    entries.push({
      name: directory.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      packed: directory.readUInt32LE(at + 20),
      unpacked: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
    });
    at = end;
  }
  return entries;
}

/** Entries that overlap (one packed inside another) are how the worst zip bombs are built. */
function overlaps(entries: Entry[], directoryOffset: number): boolean {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  if (sorted[0]?.offset !== 0) return true;
  for (let i = 0; i < sorted.length; i++) {
    const end = sorted[i].offset + LOCAL_HEADER_BYTES + Buffer.byteLength(sorted[i].name) + sorted[i].packed;
    const next = i + 1 < sorted.length ? sorted[i + 1].offset : directoryOffset;
    if (end > next) return true;
  }
  return false;
}

/** The first entry's stored text when it is OpenDocument's uncompressed "mimetype". */
async function odfMimetype(first: Entry | undefined, head: Buffer, read: ReadRange): Promise<string | null> {
  if (!first || first.name !== 'mimetype' || first.method !== 0 || first.offset !== 0 || first.packed > 200) return null;
  const header = head.length >= LOCAL_HEADER_BYTES ? head : await read(0, LOCAL_HEADER_BYTES);
  const start = LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
  const end = start + first.packed;
  const bytes = end <= head.length ? head.subarray(start, end) : await read(start, end);
  return bytes.toString('latin1');
}

/** Reads the archive's table of contents (via `read`, bytes [start, end) of the stored file) and decides. */
export async function inspectZip(size: number, head: Buffer, read: ReadRange): Promise<ZipVerdict> {
  const tailStart = Math.max(0, size - EOCD_BYTES - MAX_COMMENT);
  const tail = await read(tailStart, size);
  const i = findEndRecord(tail);
  if (i < 0) return { refusal: 'damaged' };
  const count = tail.readUInt16LE(i + 10);
  const directorySize = tail.readUInt32LE(i + 12);
  const directoryOffset = tail.readUInt32LE(i + 16);
  const sameDisk = tail.readUInt16LE(i + 4) === 0 && tail.readUInt16LE(i + 6) === 0 && tail.readUInt16LE(i + 8) === count;
  // 0xFFFF… marks ZIP64, which no office document of our size needs
  if (!sameDisk || count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return { refusal: 'damaged' };
  if (directoryOffset + directorySize > tailStart + i) return { refusal: 'damaged' };
  if (count > MAX_ENTRIES || directorySize > MAX_DIRECTORY_BYTES) return { refusal: 'bomb' };

  const entries = parseDirectory(await read(directoryOffset, directoryOffset + directorySize), count);
  if (entries === 'encrypted' || entries === 'damaged') return { refusal: entries };
  if (entries.length === 0) return { refusal: 'archive' };
  if (entries.some((e) => e.method !== 0 && e.method !== 8)) return { refusal: 'damaged' };
  const unpacked = entries.reduce((sum, e) => sum + e.unpacked, 0);
  const bomb = unpacked > MAX_UNPACKED_TOTAL || entries.some((e) => e.unpacked > BOMB_ENTRY_BYTES && e.unpacked > BOMB_RATIO * Math.max(1, e.packed));
  if (bomb || overlaps(entries, directoryOffset)) return { refusal: 'bomb' };
  if (entries.some((e) => /(^|\/)vbaproject\.bin$/i.test(e.name) || /^(basic|scripts)\//i.test(e.name))) return { refusal: 'macros' };

  const odf = await odfMimetype(entries.find((e) => e.offset === 0), head, read);
  if (odf !== null) return ODF_KINDS[odf] ? { kind: ODF_KINDS[odf] } : { refusal: 'notAccepted' };
  if (entries.some((e) => e.name === '[Content_Types].xml')) {
    const areas = OOXML_AREAS.filter(([prefix]) => entries.some((e) => e.name.startsWith(prefix)));
    if (areas.length === 1) return { kind: areas[0][1] };
  }
  return { refusal: 'archive' };
}
