// The bilag service on its own: storing in 1 MB rows under the content's hash (once per content),
// the lists other features use (attachmentsOfMeeting), the content read back as a stream, removal
// dropping content nothing uses, and what each kind of file is taken for.
import { Readable } from 'node:stream';
import { freshDb } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aMeeting, anAgendaItem } from '../helpers/factories';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { assertMeetingEditable } from '../../server/meetings/lock';
import { addAttachments, attachmentsOfMeeting, removeAttachment, sizeLabel, streamAttachmentContent } from '../../server/attachments/service';
import { discardStaleUploads, newChunkKey } from '../../server/attachments/store';
import { withoutAuditRule } from '../helpers/audit-rule';
import { stageFile, type StagedFile } from '../../server/attachments/upload';
import * as files from './files';

const AT = new Date('2026-11-24T10:00:00Z');

async function stage(db: Db, name: string, bytes: Buffer, maxFileMb = 25): Promise<StagedFile | { refusal: string } | null> {
  return stageFile(db, newChunkKey(AT), Readable.from([bytes]), name, { maxFileMb });
}

async function staged(db: Db, name: string, bytes: Buffer): Promise<StagedFile> {
  const result = await stage(db, name, bytes);
  if (!result || 'refusal' in result) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result;
}

async function readAll(db: Db, id: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of streamAttachmentContent(db, id)) parts.push(part);
  return Buffer.concat(parts);
}

describe('bilag storage and lists', () => {
  it('lists a meeting’s bilag for the meeting and per item, with type and Danish size, in one call', async () => {
    const { db } = await freshDb();
    const meetingId = await aMeeting(db);
    const itemId = await anAgendaItem(db, meetingId, { title: 'Budget' });
    const budget = files.largePdf(240 * 1024);
    await addAttachments(db, { meetingId, agendaItemId: itemId, lock: assertMeetingEditable }, [{ file: await staged(db, 'Budget 2027.pdf', budget), title: 'Budget 2027' }], SYSTEM_ACTOR, AT);
    await addAttachments(db, { meetingId, agendaItemId: null, lock: assertMeetingEditable }, [{ file: await staged(db, 'noter.txt', files.text()), title: 'Noter' }, { file: await staged(db, 'plan.docx', await files.docx()), title: 'Plan' }], SYSTEM_ACTOR, AT);

    const lists = await attachmentsOfMeeting(db, meetingId);
    expect(lists.byItem.get(itemId)).toEqual([expect.objectContaining({ title: 'Budget 2027', typeLabel: 'PDF', size: budget.length, sizeLabel: '240 kB', isPdf: true, public: true })]);
    expect(lists.meeting.map((l) => [l.title, l.typeLabel, l.isPdf])).toEqual([['Noter', 'Tekst', false], ['Plan', 'Word', false]]);
    expect((await readAll(db, lists.byItem.get(itemId)![0].id)).equals(budget)).toBe(true);
  });

  it('keeps a file in 1 MB rows, reads it back byte for byte, and stores the same file twice once', async () => {
    const { db } = await freshDb();
    const meetingId = await aMeeting(db);
    const bytes = files.largePdf(2.5 * 1024 * 1024);
    const target = { meetingId, agendaItemId: null, lock: assertMeetingEditable };
    const [first] = await addAttachments(db, target, [{ file: await staged(db, 'a.pdf', bytes), title: 'A' }], SYSTEM_ACTOR, AT);
    const [second] = await addAttachments(db, target, [{ file: await staged(db, 'b.pdf', bytes), title: 'B' }], SYSTEM_ACTOR, AT);
    expect(await countRows(db, 'attachments')).toBe(2);
    expect(await countRows(db, 'attachment_contents')).toBe(1);
    expect(await countRows(db, 'attachment_chunks')).toBe(3);
    const sizes = await db.selectFrom('attachment_chunks').select((eb) => eb.fn('length', ['data']).as('n')).orderBy('seq').execute();
    expect(sizes.map((s) => Number(s.n))).toEqual([1024 * 1024, 1024 * 1024, 0.5 * 1024 * 1024]);
    // (Buffer.equals: jest's toEqual walks a buffer byte by byte, seconds per megabyte)
    expect((await readAll(db, first)).equals(bytes)).toBe(true);
    expect((await readAll(db, second)).equals(bytes)).toBe(true);

    await removeAttachment(db, first, assertMeetingEditable, SYSTEM_ACTOR, AT);
    expect(await countRows(db, 'attachment_chunks')).toBe(3); // still used by B
    await removeAttachment(db, second, assertMeetingEditable, SYSTEM_ACTOR, AT);
    expect([await countRows(db, 'attachment_contents'), await countRows(db, 'attachment_chunks')]).toEqual([0, 0]);
  });

  it('drops what unfinished uploads left a day ago or more, never a published content or an upload under way', async () => {
    const { db } = await freshDb();
    const meetingId = await aMeeting(db);
    const published = await staged(db, 'a.pdf', files.pdf('gemt'));
    await addAttachments(db, { meetingId, agendaItemId: null, lock: assertMeetingEditable }, [{ file: published, title: 'A' }], SYSTEM_ACTOR, new Date('2026-11-20T10:00:00Z'));
    const old = newChunkKey(new Date('2026-11-22T09:00:00Z'));
    const fresh = newChunkKey(new Date('2026-11-24T09:59:00Z'));
    await withoutAuditRule(db, () => db.insertInto('attachment_chunks').values([{ chunk_key: old, seq: 0, data: Buffer.from('x') }, { chunk_key: fresh, seq: 0, data: Buffer.from('y') }]).execute());
    await discardStaleUploads(db, AT);
    const keys = (await db.selectFrom('attachment_chunks').select('chunk_key').orderBy('chunk_key').execute()).map((r) => r.chunk_key);
    expect(keys).toEqual([published.key, fresh].sort());
  });

  it('writes sizes as Danes read them', () => {
    expect([sizeLabel(812), sizeLabel(240 * 1024), sizeLabel(1.25 * 1024 * 1024), sizeLabel(25 * 1024 * 1024)]).toEqual(['812 byte', '240 kB', '1,3 MB', '25 MB']);
  });
});

describe('what a file is, decided by its content', () => {
  it.each([
    ['budget.pdf', () => files.pdf(), 'application/pdf'],
    ['plan.docx', files.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['tal.xlsx', files.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['slides.pptx', files.pptx, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['referat.odt', files.odt, 'application/vnd.oasis.opendocument.text'],
    ['tal.ods', files.ods, 'application/vnd.oasis.opendocument.spreadsheet'],
    ['foto.png', files.png, 'image/png'],
    ['foto.jpg', files.jpeg, 'image/jpeg'],
    ['noter.txt', () => files.text(), 'text/plain; charset=utf-8'],
    ['forkert-navn.exe', () => files.pdf(), 'application/pdf'],
  ])('%s is accepted (case %#)', async (name, make, mime) => {
    const { db } = await freshDb();
    expect(await stage(db, name, await make())).toMatchObject({ mime, fileName: name });
  });

  it.each([
    ['rapport.pdf', files.elf, /program/],
    ['rapport.docx', files.exe, /program/],
    ['start.txt', files.shellScript, /program/],
    ['side.html', files.html, /webside/],
    ['tegning.svg', files.svg, /webside/],
    ['side.txt', files.html, /webside/],
    ['bombe.docx', files.zipBomb, /zip-bombe/],
    ['arkiv.zip', files.plainZip, /zip-arkiv/],
    ['makro.docx', files.docm, /makroer/],
    ['slides.odp', files.odp, /filtyper/],
    ['tom.pdf', () => Buffer.alloc(0), /er tom/],
    ['latin1.txt', files.latin1Text, /filtyper/],
  ])('%s is refused', async (name, make, message) => {
    const { db } = await freshDb();
    const result = await stage(db, name, await make());
    expect(result).toEqual({ refusal: expect.stringMatching(message) });
  });

  it('refuses a file over the limit', async () => {
    const { db } = await freshDb();
    expect(await stage(db, 'stor.pdf', files.largePdf(1024 * 1024 + 1), 1)).toEqual({ refusal: expect.stringContaining('større end 1 MB') });
  });
});
