// The largest meeting the forms accept (150 items with every text field full, 300 actions of
// full text, the longest free text) exports in every format from the real server, started as
// `npm start` starts it (same heap limits), and its resident memory stays under the SPEC's 250 MB.
// Before the fix one such PDF exhausted the heap and took the server down for everyone.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { createAccount } from '../../server/accounts/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { createAction } from '../../server/meetings/follow-up';
import { addAgendaItem } from '../../server/meetings/agenda';
import { saveMinutesText } from '../../server/meetings/minutes';
import { MEETING_LIMITS } from '../../server/meetings/schemas';
import { seedPartnership } from '../../seeds/partnership';
import { startProductionServer, signInWithPassword, type ProductionServer, peakRssMb } from '../helpers/production-server';
import { aMeeting, anActionForm, anAgendaItemForm, personId } from '../helpers/factories';

const PASSWORD = 'korrekt-hest-batteri';
const RSS_LIMIT_MB = 250;
const WORDS = 'borgerne plejecentret frivillige samskabelse ressourcedetektor medbygger oversætter udforsker initiativdyrker meningsskaber netværkssmed effektjæger kerneopgaven tillid ledelse faglighed afbureaukratisering Uldum skolen daginstitutionen fællesskab læring beskæftigelse omsorg æblegrød øresund ål'.split(' ');

/** Deterministic text of exactly `length` characters, with line breaks now and then. */
function text(seed: number, length: number): string {
  let out = '';
  let n = seed;
  while (out.length < length) {
    n = (n * 1103515245 + 12345) % 2147483648;
    out += WORDS[n % WORDS.length] + (n % 17 === 0 ? '.\n' : ' ');
  }
  return out.slice(0, length).trim();
}

async function buildLargestMeeting(file: string): Promise<number> {
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  const at = new Date('2026-06-01T10:00:00Z');
  await seedPartnership(db, at);
  const owner = await personId(db, 'Hanne M. Petersen');
  const meetingId = await aMeeting(db, { title: text(1, 200), day: '2026-06-10', place: text(2, 200) });
  let itemId = 0;
  const existing = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute(); // the follow-up item
  for (let i = existing.length; i < MEETING_LIMITS.items; i++) {
    itemId = await addAgendaItem(
      db,
      meetingId,
      anAgendaItemForm({ title: text(10 + i, 300), kind: 'beslutning', background: text(20 + i, MEETING_LIMITS.background), discussion: text(30 + i, MEETING_LIMITS.discussion), decision: text(40 + i, MEETING_LIMITS.decision) }),
      SYSTEM_ACTOR,
      at,
    );
  }
  for (let i = 0; i < MEETING_LIMITS.actions; i++) {
    await createAction(db, meetingId, anActionForm({ text: text(50 + i, 2000), owner_id: owner, agenda_item_id: itemId }), SYSTEM_ACTOR, at);
  }
  await saveMinutesText(db, meetingId, { free_text: text(3, MEETING_LIMITS.freeText), next_meeting: text(4, 1000) }, SYSTEM_ACTOR, at);
  await createAccount(db, { email: 'laeser@test.dk', password: PASSWORD, role: 'laeser', personId: null, name: 'Læser', organisationId: null }, SYSTEM_ACTOR, at);
  await db.destroy();
  return meetingId;
}

/** The server's peak resident memory so far (VmHWM), in MB. */
describe('the largest meeting the forms accept', () => {
  let dir: string;
  let child: ChildProcess;
  let base: string;
  let meetingId: number;
  let server: ProductionServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-largest-'));
    const file = path.join(dir, 'uldum.sqlite');
    meetingId = await buildLargestMeeting(file);
    server = await startProductionServer(file);
    ({ child, base } = server);
  }, 300_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports as PDF, DOCX, Markdown and print page, twice at once, within 250 MB and without a crash', async () => {
    const cookie = await signInWithPassword(base, 'laeser@test.dk', PASSWORD);
    const get = async (suffix: string) => {
      const res = await fetch(`${base}/meetings/${meetingId}${suffix}`, { headers: { cookie } }).catch((err: Error) => {
        throw new Error(`${suffix}: ${err.message}; the server said:\n${server.output().slice(-3000)}`);
      });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, body };
    };
    const formats = ['/minutes.pdf', '/minutes.docx', '/minutes.md', '/minutes/print'];
    const peaks: string[] = [];
    for (const suffix of formats) {
      const [a, b] = await Promise.all([get(suffix), get(suffix)]);
      expect([suffix, a.status, b.status]).toEqual([suffix, 200, 200]);
      expect(a.body.length).toBe(b.body.length); // (a PDF carries the time it was made)
      if (suffix === '/minutes.pdf') {
        expect(a.body.subarray(0, 5).toString()).toBe('%PDF-');
        expect(a.body.subarray(-6).toString()).toMatch(/%%EOF/);
        const pages = Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(a.body.toString('latin1'))?.[1]);
        expect(pages).toBeGreaterThan(500);
      }
      if (suffix === '/minutes.docx') {
        const xml = await (await JSZip.loadAsync(a.body)).file('word/document.xml')!.async('string');
        expect(xml.match(/<w:pStyle w:val="Heading2"\/>/g)).toHaveLength(MEETING_LIMITS.items);
        expect(xml.match(/<w:tr>/g)).toHaveLength(MEETING_LIMITS.actions + 1);
      }
      if (suffix === '/minutes.md') expect(a.body.toString('utf8')).toContain(`### ${MEETING_LIMITS.items}. `);
      if (suffix === '/minutes/print') expect(a.body.toString('utf8')).toContain(`<h3>${MEETING_LIMITS.items}. `);
      peaks.push(`${suffix} ${peakRssMb(child.pid!).toFixed(0)} MB`);
    }
    expect(await fetch(`${base}/healthz`).then((r) => r.status)).toBe(200);
    expect(child.exitCode).toBeNull();
    const peak = peakRssMb(child.pid!);
    console.log(`largest meeting: peak RSS after ${peaks.join(', ')}`);
    expect(peak).toBeLessThan(RSS_LIMIT_MB);
  }, 600_000);
});
