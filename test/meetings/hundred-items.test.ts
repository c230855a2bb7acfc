// A long meeting: 100 agenda items on the meeting page, in the minutes and in the document model
// every export renders; moving the last one up.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { buildMinutesDocument } from '../../server/meetings/minutes-document';
import { minutesOf, minutesView, sendForApproval } from '../../server/meetings/minutes';
import { markHeld } from '../../server/meetings/service';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { aMeeting, anAction, anAgendaItem } from '../helpers/factories';

const title = (n: number) => `Punkt nummer ${String(n).padStart(3, '0')}`;

/** A workshop (no follow-up item) with items "Punkt nummer 001" … "Punkt nummer 100". */
async function hundredItems(t: TestApp): Promise<{ meeting: number; ids: number[] }> {
  const meeting = await aMeeting(t.db, { title: 'Det lange møde', kind: 'workshop' });
  const ids: number[] = [];
  for (let n = 1; n <= 100; n++) {
    ids.push(await anAgendaItem(t.db, meeting, { title: title(n), kind: 'droeftelse', background: `Baggrund ${n}`, decision: `Beslutning ${n}` }));
  }
  return { meeting, ids };
}

/** Item numbers and titles as a page shows them, in page order. */
function numbered(html: string, pattern: RegExp): Array<[number, string]> {
  return [...html.matchAll(pattern)].map((m) => [Number(m[1]), m[2]]);
}

describe('a meeting with 100 agenda items', () => {
  it('shows all 100 on the meeting page, numbered in order', async () => {
    const t = await testApp();
    const { meeting } = await hundredItems(t);
    const l = await signedIn(t.app, t.db, 'laeser');
    const res = await l.agent.get(`/meetings/${meeting}`);
    expect(res.status).toBe(200);
    const shown = numbered(res.text, /<span class="agenda-number">(\d+)\.<\/span> ([^<]+?) <span class="badge">/g);
    expect(shown).toHaveLength(100);
    expect(shown).toEqual(Array.from({ length: 100 }, (_, i) => [i + 1, title(i + 1)]));
    expect(res.text).toContain('<span class="agenda-number">100.</span> Punkt nummer 100');
  });

  it('shows all 100 in the minutes', async () => {
    const t = await testApp();
    const { meeting } = await hundredItems(t);
    const l = await signedIn(t.app, t.db, 'laeser');
    const res = await l.agent.get(`/meetings/${meeting}/minutes`);
    expect(res.status).toBe(200);
    const shown = numbered(res.text, /<h4>(\d+)\. ([^<]+?) \([^)<]+\)<\/h4>/g);
    expect(shown).toEqual(Array.from({ length: 100 }, (_, i) => [i + 1, title(i + 1)]));
    expect(res.text).toContain('<h4>100. Punkt nummer 100 (Drøftelse)</h4>');
    expect(res.text).toContain('Beslutning 100');
  });

  it('moves the last item up: it becomes number 99, and positions stay 1..100', async () => {
    const t = await testApp();
    const { meeting, ids } = await hundredItems(t);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/agenda/${ids[99]}/move`, { direction: 'up' });
    expect(res.status).toBe(303);
    const rows = await t.db.selectFrom('agenda_items').select(['id', 'position']).where('meeting_id', '=', meeting).orderBy('position').execute();
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(rows[98].id).toBe(ids[99]);
    expect(rows[99].id).toBe(ids[98]);
    const page = await k.agent.get(`/meetings/${meeting}`);
    expect(page.text).toContain('<span class="agenda-number">99.</span> Punkt nummer 100');
    expect(page.text).toContain('<span class="agenda-number">100.</span> Punkt nummer 099');
  });

  it('builds a minutes document with the 100 items in order, and freezes it when sent', async () => {
    const t = await testApp();
    const { meeting, ids } = await hundredItems(t);
    await anAction(t.db, meeting, { text: 'Opfølgning på det sidste punkt', agenda_item_id: ids[99] });
    const doc = await buildMinutesDocument(t.db, meeting, await minutesOf(t.db, meeting));
    expect(doc.items).toHaveLength(100);
    expect(doc.items.map((i) => i.number)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(doc.items.map((i) => i.title)).toEqual(Array.from({ length: 100 }, (_, i) => title(i + 1)));
    expect(doc.items[99]).toMatchObject({ title: title(100), background: 'Baggrund 100', decision: 'Beslutning 100', kind: 'Drøftelse' });
    expect(doc.actions).toEqual([{ text: 'Opfølgning på det sidste punkt', owner: '', due: '', status: 'Åben', item: 100 }]);

    await markHeld(t.db, meeting, SYSTEM_ACTOR, t.clock.now());
    await sendForApproval(t.db, meeting, SYSTEM_ACTOR, t.clock.now());
    const frozen = (await minutesView(t.db, meeting)).document;
    expect(frozen.items.map((i) => i.title)).toEqual(doc.items.map((i) => i.title));
  });
});
