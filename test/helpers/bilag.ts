// Bilag for tests that need them in place rather than uploaded: a file stored through the bilag
// service as an upload would be, and real PDFs of a given number of pages (made with pdf-lib).
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { addAttachments } from '../../server/attachments/service';
import { newChunkKey } from '../../server/attachments/store';
import { stageFile } from '../../server/attachments/upload';
import { assertMeetingEditable } from '../../server/meetings/lock';

const AT = new Date('2026-06-01T08:00:00Z');

/** Stores `bytes` as a bilag of the meeting (itemId null) or of one of its items; returns its id. */
export async function aBilag(db: Db, meetingId: number, itemId: number | null, fileName: string, bytes: Buffer, title: string): Promise<number> {
  const staged = await stageFile(db, newChunkKey(AT), Readable.from([bytes]), fileName, { maxFileMb: 25 });
  if (!staged || 'refusal' in staged) throw new Error(`bilag refused: ${JSON.stringify(staged)}`);
  const [id] = await addAttachments(db, { meetingId, agendaItemId: itemId, lock: assertMeetingEditable }, [{ file: staged, title }], SYSTEM_ACTOR, AT);
  return id;
}

/** A real A4 PDF of `pages` pages, each saying "<label> side N af M". */
export async function pdfOfPages(pages: number, label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) doc.addPage([595.28, 841.89]).drawText(`${label} side ${n} af ${pages}`, { x: 56, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}
