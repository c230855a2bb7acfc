// A referat with everything the SPEC lists, built through the services, and readers for what a
// download holds: binary bodies, PDF text per page, DOCX XML, HTML visible text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import ICAL from 'ical.js';
import JSZip from 'jszip';
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { markHeld, recordAttendance } from '../../server/meetings/service';
import { approveMinutes, saveMinutesText, sendForApproval } from '../../server/meetings/minutes';
import type { MeetingForm } from '../../server/meetings/schemas';
import { CONSULTANT_NAME, PARTNERSHIP_NAME } from '../../seeds/partnership';
import { aMeeting, anAction, anAgendaItem, aUser, personId } from '../helpers/factories';
import { aBilag } from '../helpers/bilag';
import * as bilagFiles from '../attachments/files';
import type { Agent } from '../helpers/agent';

/** User text that must come out as the same visible text in every format. */
export const ESCAPE = '<script>alert(1)</script> & "Æblegrød" *fed* # ikke overskrift';

/** Multi-line user text whose lines Markdown would read as structure if not escaped. */
export const STRUCTURE_LINES = ['# ikke overskrift', '- ikke en liste', '1. ikke nummereret', '> ikke citat', '=SUM(A1)', '<b>ikke fed</b>'];

export const TITLE = 'Møde på Ærø – åbent';
export const FILE_SLUG = 'referat-2026-06-10-moede-paa-aeroe-aabent';
export const WHEN = 'onsdag 10. juni 2026 kl. 14.00–16.00';
export const PLACE = 'Uldum Skole; lærerværelset, 1. sal';
export const APPROVED_AT = new Date('2026-06-12T08:30:00Z');
export const APPROVED_AT_TEXT = 'fredag 12. juni 2026 kl. 10.30';
export const CHAIR = 'Tom Bjerregaard';

export const ITEM = {
  title: 'Frivillige i frugtordningen',
  background: 'Skolen ønsker frivillige til frugtordningen.',
  discussion: 'Drøftet: tavshedspligt og ledelse af frivillige.',
  decision: 'Vi afprøver ordningen i otte uger på plejecentret.',
  proposal: 'Konsulenten indstiller, at ordningen afprøves i otte uger.',
};

/** The bilag of ITEM and of the meeting as a whole, as every format lists them. */
export const BILAG = {
  item: '1. Budget 2027 (PDF, 240 kB)',
  meeting: '1. Deltagerliste for Ærø (Tekst, 1 kB)',
};

export interface FullMeeting {
  meetingId: number;
  /** The markers a reader meets, in the SPEC order of a municipal referat. */
  order: string[];
}

/**
 * A held partnership meeting dated 2026-06-10 with participants (present and afbud), chair and
 * minute-taker, three agenda items (the follow-up item, a beslutning item with indstilling,
 * presenter, 30 minutes and a PDF bilag, and one full of text that looks like markup), a bilag of
 * the meeting as a whole, two actions, free text and the next meeting.
 * `state`: 'draft' (never sent), 'approved' (both parties approved version 1).
 */
export async function fullMeeting(db: Db, state: 'draft' | 'approved', over: Partial<MeetingForm> = {}): Promise<FullMeeting> {
  const hanne = await personId(db, 'Hanne M. Petersen');
  const rene = await personId(db, 'René G. Nielsen');
  const meetingId = await aMeeting(db, {
    title: TITLE,
    day: '2026-06-10',
    start_time: '14:00',
    end_time: '16:00',
    place: PLACE,
    chair_id: await personId(db, CHAIR),
    minute_taker_id: await personId(db, CONSULTANT_NAME),
    participant_ids: [hanne, rene],
    ...over,
  });
  const budgetItem = await anAgendaItem(db, meetingId, { kind: 'beslutning', ...ITEM, presenter_id: await personId(db, CHAIR), duration_minutes: 30 });
  await aBilag(db, meetingId, budgetItem, 'budget-2027.pdf', bilagFiles.largePdf(240 * 1024), 'Budget 2027');
  await aBilag(db, meetingId, null, 'deltagere.txt', Buffer.from('Deltagere på Ærø\n'.repeat(60), 'utf8'), 'Deltagerliste for Ærø');
  const tricky = await anAgendaItem(db, meetingId, {
    kind: 'droeftelse',
    title: ESCAPE,
    background: ESCAPE,
    discussion: STRUCTURE_LINES.join('\n'),
    decision: 'Besluttet: *ikke kursiv* og _ikke understreget_ og [ikke et link](https://example.org)',
  });
  const firstItem = (await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('title', '=', ITEM.title).executeTakeFirstOrThrow()).id;
  await anAction(db, meetingId, { text: 'Indkald frivillige til møde', owner_id: hanne, due_date: '2026-12-15', status: 'aaben', agenda_item_id: firstItem });
  await anAction(db, meetingId, { text: ESCAPE, owner_id: rene, due_date: '2027-01-05', status: 'i_gang', agenda_item_id: tricky });
  await recordAttendance(db, meetingId, new Map([[hanne, 'deltog'], [rene, 'afbud']]), SYSTEM_ACTOR, APPROVED_AT);
  await saveMinutesText(db, meetingId, { free_text: 'Velkommen til Åse fra Ærø.', next_meeting: 'Tirsdag 8. september 2026 kl. 14.00 på plejecentret' }, SYSTEM_ACTOR, APPROVED_AT);
  await markHeld(db, meetingId, SYSTEM_ACTOR, APPROVED_AT);
  if (state === 'approved') await approveBothParties(db, meetingId);
  return {
    meetingId,
    order: [
      `Referat: ${TITLE}`,
      PARTNERSHIP_NAME,
      WHEN,
      PLACE,
      'Hanne M. Petersen (FOA)', // present
      'René G. Nielsen (Hedensted Kommune)', // afbud
      CHAIR,
      CONSULTANT_NAME,
      'Velkommen til Åse fra Ærø.',
      'Opfølgning fra sidste møde',
      ITEM.title,
      ITEM.background,
      'Bilag',
      BILAG.item,
      ITEM.discussion,
      'Indstilling',
      ITEM.proposal,
      'Beslutning',
      ITEM.decision,
      ESCAPE, // the tricky item's title
      'ikke nummereret',
      'Besluttet: *ikke kursiv*',
      'Bilag til mødet',
      BILAG.meeting,
      'Hvad',
      'Hvem',
      'Hvornår',
      'Status',
      'Indkald frivillige til møde',
      'Hanne M. Petersen',
      '15.12.2026',
      'Åben',
      '05.01.2027',
      'I gang',
      'Tirsdag 8. september 2026 kl. 14.00 på plejecentret',
      state === 'approved' ? `Hedensted Kommune: godkendt af René G. Nielsen ${APPROVED_AT_TEXT}` : 'Hedensted Kommune: ikke godkendt',
      state === 'approved' ? `FOA: godkendt af Hanne M. Petersen ${APPROVED_AT_TEXT}` : 'FOA: ikke godkendt',
      'Version 1',
    ],
  };
}

/** Sends version N for approval and has a representative of each party approve it. */
export async function approveBothParties(db: Db, meetingId: number, at = APPROVED_AT): Promise<void> {
  await sendForApproval(db, meetingId, SYSTEM_ACTOR, at);
  for (const name of ['René G. Nielsen', 'Hanne M. Petersen']) {
    const user = await aUser(db, 'repraesentant', name);
    expect(await approveMinutes(db, meetingId, user, at)).not.toBe('already-approved');
  }
}

/** A working-group meeting of `count` agenda items "Punkt 001 …" (no follow-up item); its minutes a draft. */
export async function bigMeeting(db: Db, count = 100): Promise<{ meetingId: number; titles: string[] }> {
  const meetingId = await meetingWithItems(db, count);
  const titles = Array.from({ length: count }, (_, i) => itemTitle(i + 1));
  return { meetingId, titles };
}

export function itemTitle(n: number): string {
  return `Punkt ${String(n).padStart(3, '0')} om ældreplejens kerneopgave`;
}

async function meetingWithItems(db: Db, count: number): Promise<number> {
  const meetingId = await aMeeting(db, { kind: 'arbejdsgruppe', title: 'Arbejdsgruppe med 100 punkter', day: '2026-09-08' });
  for (let i = 1; i <= count; i++) {
    await anAgendaItem(db, meetingId, {
      title: itemTitle(i),
      kind: 'orientering',
      background: `Baggrund for punkt ${i}: søgning efter frivillige på plejecentret, på skolen og i daginstitutionen.`,
      discussion: `Drøftelse af punkt ${i}.`,
      decision: `Beslutning ${i}.`,
    });
  }
  return meetingId;
}

// ---- reading downloads ----

/** A supertest request whose body is the raw bytes. */
export function binary<T extends request.Test>(req: T): T {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  }) as T;
}

export async function download(agent: Agent | ReturnType<typeof request>, url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await binary(agent.get(url));
  return { status: res.status, headers: res.headers as Record<string, string>, body: res.body as Buffer };
}

const PDF_TEXT = path.join(__dirname, '..', 'helpers', 'pdf-text.mjs');

/** The text of each page, as pdfjs-dist extracts it (one string per page). */
export function pdfPages(pdf: Buffer): string[] {
  return pdfPagesOfMany([pdf])[0];
}

/** pdfPages for several PDFs with one start of pdfjs (which takes about half a second). */
export function pdfPagesOfMany(pdfs: Buffer[]): string[][] {
  if (pdfs.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-'));
  try {
    const files = pdfs.map((pdf, i) => {
      const file = path.join(dir, `referat-${i}.pdf`);
      fs.writeFileSync(file, pdf);
      return file;
    });
    const out = JSON.parse(execFileSync('node', [PDF_TEXT, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    return (files.length === 1 ? [out] : out) as string[][];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Collapses runs of white space (line wraps, table cells) to one space. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Fails unless every marker occurs in the text, each after the previous one. */
export function expectInOrder(text: string, markers: string[]): void {
  const haystack = flat(text);
  let from = 0;
  for (const marker of markers) {
    const at = haystack.indexOf(flat(marker), from);
    if (at < 0) {
      const anywhere = haystack.indexOf(flat(marker));
      throw new Error(
        anywhere < 0 ? `"${marker}" is missing` : `"${marker}" is out of order (found only before position ${from}: …${haystack.slice(Math.max(0, from - 80), from)}…)`,
      );
    }
    from = at + flat(marker).length;
  }
}

export function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What a reader of an HTML page sees: tags removed, entities decoded, line breaks kept. */
export function visibleText(html: string): string {
  return decodeXml(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>\n?/gi, '\n')
      .replace(/<\/(p|h[1-6]|li|dt|dd|tr|th|td|caption)>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

export interface Docx {
  files: string[];
  document: string;
  headers: string[];
  footers: string[];
  /** The document's paragraphs as text (runs joined, breaks as \n), tables included. */
  paragraphs: string[];
}

/** Text of the w:p paragraphs of a WordprocessingML part. */
export function wordParagraphs(xml: string): string[] {
  const paragraphs: string[] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    let text = '';
    for (const t of m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)) {
      text += t[1] !== undefined ? decodeXml(t[1]) : t[0] === '<w:tab/>' ? '\t' : '\n';
    }
    paragraphs.push(text);
  }
  return paragraphs;
}

export async function openDocx(body: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(body);
  const files = Object.keys(zip.files);
  const read = (name: string) => zip.file(name)!.async('string');
  const document = await read('word/document.xml');
  const headers = await Promise.all(files.filter((f) => /^word\/header\d*\.xml$/.test(f)).map(read));
  const footers = await Promise.all(files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map(read));
  return { files, document, headers, footers, paragraphs: wordParagraphs(document) };
}

/** A calendar file as ical.js reads it: the VCALENDAR, its VEVENTs and the first of them. */
export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events, event: events[0] };
}

/** A calendar file with its folded lines joined again (RFC 5545 §3.1). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}
