// Line breaks as browsers send them (CRLF) and control characters: stored as LF, and never a
// missing-glyph box or a control character in any format as a reader extracts it.
import SQLite from 'better-sqlite3';
import JSZip from 'jszip';
import { Migrator } from 'kysely';
import { migrations } from '../../migrations';
import { applyPragmas, createDb } from '../../server/db/database';
import { documentDocx } from '../../server/documents/docx';
import { documentMarkdown } from '../../server/documents/markdown';
import { documentPdf } from '../../server/documents/pdf';
import type { DocumentModel } from '../../server/documents/model';
import { renderDocumentHtml } from '../../server/web/views';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting } from '../helpers/factories';
import { download, pdfPages, pdfPagesOfMany } from './fixture';

/** Any C0/C1 control character except the line feed: what pdf.js shows for a missing glyph. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('text from a browser form', () => {
  it('is stored with LF line breaks, and the minutes PDF shows no control character', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db, { title: 'Møde med linjeskift' });
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/agenda`, {
      title: 'Punkt med tre linjer',
      kind: 'droeftelse',
      background: 'Første linje\r\nAnden linje\rTredje linje',
      discussion: '',
      decision: 'Besluttet\r\n– og noteret',
    });
    expect(res.status).toBe(303);
    const item = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meeting).where('title', '=', 'Punkt med tre linjer').executeTakeFirstOrThrow();
    expect(item.background).toBe('Første linje\nAnden linje\nTredje linje');
    expect(item.decision).toBe('Besluttet\n– og noteret');

    const pdf = (await download(k.agent, `/meetings/${meeting}/minutes.pdf`)).body;
    const text = pdfPages(pdf).join('\n');
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('Første linje\nAnden linje\nTredje linje');
  });
});

describe('the writers, given text with control characters', () => {
  const nasty = 'Linje 1\r\nLinje 2\rLinje 3\u0001\u0007\u001b[31m\tmed tab\u0085 og \ud800 ensom halvdel \u{1F600} smil';
  const doc: DocumentModel = {
    title: `Titel ${nasty}`,
    subject: 'Referat',
    runningHeader: `Hoved ${nasty}`,
    runningFooter: 'Fod',
    watermark: 'UDKAST',
    blocks: [
      { kind: 'heading', level: 1, text: `Overskrift ${nasty}` },
      { kind: 'fields', fields: [{ label: 'Felt', value: nasty }] },
      { kind: 'paragraph', label: 'Mærke', text: nasty },
      { kind: 'list', items: [nasty] },
      { kind: 'table', caption: 'Tabel', columns: [{ title: 'A', width: 50 }, { title: 'B', width: 50 }], rows: [[nasty, nasty]] },
      { kind: 'approvals', lines: [{ party: 'FOA', text: nasty }] },
    ],
  };

  it('PDF: no control character, each line on its own, an unknown glyph as "?"', async () => {
    const [pages] = pdfPagesOfMany([await documentPdf(doc)]);
    const text = pages.join('\n');
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('Linje 1\nLinje 2\nLinje 3');
    expect(text).toContain('[31m med tab');
  });

  it('DOCX: valid XML without control characters, line breaks as w:br', async () => {
    const zip = await JSZip.loadAsync(await documentDocx(doc));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).not.toMatch(CONTROL);
    expect(xml).toContain('<w:t xml:space="preserve">Linje 1</w:t>');
    expect(xml).toMatch(/<w:br\/><w:t xml:space="preserve">Linje 2<\/w:t>/);
  });

  it('Markdown and HTML: no control characters', async () => {
    expect(documentMarkdown(doc)).not.toMatch(CONTROL);
    expect(await renderDocumentHtml(doc)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('migration 0008', () => {
  it('rewrites stored CRLF and CR to LF in the tables and in the frozen minutes JSON', async () => {
    const raw = new SQLite(':memory:');
    applyPragmas(raw);
    const db = createDb(raw);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0007_open_action_indexes')).error).toBeUndefined();
    raw.prepare("insert into partnerships (name, purpose, project_area, start_date, meeting_cadence, created_at, updated_at) values ('P', ?, 'Uldum', '2026-01-01', 'aftales nærmere', '2026-01-01', '2026-01-01')").run('Formål\r\nlinje 2');
    const partnership = Number(raw.prepare('select id from partnerships').pluck().get());
    raw
      .prepare("insert into meetings (partnership_id, title, kind, starts_at, ends_at, place, status, evaluation_note, sequence, created_at, updated_at) values (?, 'M', 'andet', '2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z', 'Sted\rhjørne', 'afholdt', '', 0, '2026-01-01', '2026-01-01')")
      .run(partnership);
    const meeting = Number(raw.prepare('select id from meetings').pluck().get());
    raw.prepare("insert into minutes (meeting_id, status, version, free_text, next_meeting, change_note, created_at, updated_at) values (?, 'til_godkendelse', 1, ?, '', '', '2026-01-01', '2026-01-01')").run(meeting, 'a\r\nb');
    const minutes = Number(raw.prepare('select id from minutes').pluck().get());
    raw.prepare("insert into minutes_versions (minutes_id, version, document, change_note, sent_at, sent_by, locked_at) values (?, 1, ?, '', '2026-01-01', null, null)").run(minutes, JSON.stringify({ freeText: 'a\r\nb', items: [{ background: 'x\ry' }] }));

    expect((await migrator.migrateTo('0008_line_breaks')).error).toBeUndefined();
    expect(raw.prepare('select purpose from partnerships').pluck().get()).toBe('Formål\nlinje 2');
    expect(raw.prepare('select place from meetings').pluck().get()).toBe('Sted\nhjørne');
    expect(raw.prepare('select free_text from minutes').pluck().get()).toBe('a\nb');
    expect(JSON.parse(String(raw.prepare('select document from minutes_versions').pluck().get()))).toEqual({ freeText: 'a\nb', items: [{ background: 'x\ny' }] });
    await db.destroy();
  });
});
