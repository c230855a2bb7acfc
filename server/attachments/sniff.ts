// Decides what an uploaded file is from its bytes as they stream past: the first few kilobytes
// (magic numbers), all of it for plain text (valid UTF-8 without NUL), and for a zip the table
// of contents at its end (zip.ts). Never from the file's name or the browser's stated type.
import type { FileKind } from './kinds';
import { inspectZip } from './zip';

export type Refusal = 'empty' | 'notAccepted' | 'webPage' | 'program' | 'archive' | 'bomb' | 'macros' | 'encrypted' | 'damaged';
export type Verdict = { kind: FileKind } | { refusal: Refusal };

const HEAD_BYTES = 4096;
/** How much of a text's start is searched for markup. */
const MARKUP_WINDOW = 1024;

type Candidate = 'pdf' | 'png' | 'jpeg' | 'zip' | 'text';

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

const PROGRAM_MAGIC = [
  [0x4d, 0x5a], // MZ: Windows/DOS executable
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, Java class
];
const MARKUP = ['<html', '<!doctype', '<script', '<svg', '<iframe', '<?xml', '<body', '<head', '<object', '<embed', '<meta'];

function candidateOf(head: Buffer): Candidate | Refusal {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(head, [0x50, 0x4b])) return 'archive'; // an empty or split zip
  if (PROGRAM_MAGIC.some((m) => startsWith(head, m))) return 'program';
  if (head.includes(0)) return 'notAccepted';
  const start = head.subarray(0, MARKUP_WINDOW).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (start.startsWith('#!')) return 'program';
  if (start.startsWith('<') || MARKUP.some((m) => start.includes(m))) return 'webPage';
  return 'text';
}

export class ContentSniffer {
  private headParts: Buffer[] = [];
  private headLength = 0;
  private head: Buffer = Buffer.alloc(0);
  private candidate: Candidate | null = null;
  private decoder: TextDecoder | null = null;
  /** Set as soon as the bytes seen so far settle that the file is refused. */
  refusal: Refusal | null = null;
  size = 0;

  push(chunk: Buffer): void {
    if (this.refusal) return;
    this.size += chunk.length;
    if (this.candidate === null) {
      this.headParts.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength >= HEAD_BYTES) this.decide();
    } else if (this.candidate === 'text') this.checkText(chunk);
  }

  private decide(): void {
    const head = Buffer.concat(this.headParts);
    this.headParts = [];
    this.head = head.subarray(0, HEAD_BYTES * 2);
    const found = candidateOf(head);
    if (found !== 'pdf' && found !== 'png' && found !== 'jpeg' && found !== 'zip' && found !== 'text') {
      this.refusal = found;
      return;
    }
    this.candidate = found;
    if (found === 'text') {
      this.decoder = new TextDecoder('utf-8', { fatal: true });
      this.checkText(head);
    }
  }

  private checkText(chunk: Buffer): void {
    if (chunk.includes(0)) {
      this.refusal = 'notAccepted';
      return;
    }
    try {
      this.decoder!.decode(chunk, { stream: true });
    } catch {
      this.refusal = 'notAccepted';
    }
  }

  /** The verdict once every byte has passed; `read` gives bytes [start, end) of what was stored. */
  async finish(read: (start: number, end: number) => Promise<Buffer>): Promise<Verdict> {
    if (this.size === 0) return { refusal: 'empty' };
    if (this.candidate === null && !this.refusal) this.decide();
    if (this.refusal) return { refusal: this.refusal };
    if (this.candidate === 'text') {
      try {
        this.decoder!.decode(); // a multi-byte character cut off at the end
      } catch {
        return { refusal: 'notAccepted' };
      }
      return { kind: 'text' };
    }
    if (this.candidate === 'zip') return inspectZip(this.size, this.head, read);
    return { kind: this.candidate! };
  }
}
