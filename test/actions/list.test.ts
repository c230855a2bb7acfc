// /actions: every follow-up action, earliest due date first, with filters (status, owner, open,
// overdue in Copenhagen time, meeting, partnership) and 25 a page.
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { aMeeting, anAction, personId } from '../helpers/factories';
import { pagerText, relHref } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';

type Db = TestApp['db'];

/** The action texts in the order the list shows them. */
function listed(html: string): string[] {
  return [...html.matchAll(/<tr(?: class="overdue")?>\s*<td>([^<]*)<\/td>/g)].map((m) => m[1]);
}

async function anotherPartnership(db: Db): Promise<number> {
  const now = '2026-01-01T00:00:00.000Z';
  const row = { name: 'Vejle Kommune og 3F', purpose: '', project_area: 'Give', start_date: null, meeting_cadence: '', created_at: now, updated_at: now };
  return (await withoutAuditRule(db, () => db.insertInto('partnerships').values(row).returning('id').executeTakeFirstOrThrow())).id;
}

/** Two meetings in the Uldum partnership and one elsewhere, with actions of every kind. */
async function actions(db: Db) {
  const hanne = await personId(db, 'Hanne M. Petersen');
  const rene = await personId(db, 'René G. Nielsen');
  const first = await aMeeting(db, { title: 'Oktobermødet', day: '2026-10-06' });
  const second = await aMeeting(db, { title: 'Novembermødet', day: '2026-11-03' });
  const elsewhere = await aMeeting(db, { title: 'Mødet i Give', partnership_id: await anotherPartnership(db) });
  await anAction(db, first, { text: 'Forfalden i går', owner_id: hanne, due_date: '2026-11-23', status: 'aaben' });
  await anAction(db, first, { text: 'Forfalden i gang', owner_id: rene, due_date: '2026-11-01', status: 'i_gang' });
  await anAction(db, first, { text: 'Udført for længe siden', owner_id: hanne, due_date: '2026-10-15', status: 'udfoert' });
  await anAction(db, second, { text: 'Frist i dag', owner_id: hanne, due_date: '2026-11-24', status: 'aaben' });
  await anAction(db, second, { text: 'Frist i morgen', owner_id: rene, due_date: '2026-11-25', status: 'aaben' });
  await anAction(db, second, { text: 'Uden frist', status: 'aaben' });
  await anAction(db, second, { text: 'Droppet', due_date: '2026-11-02', status: 'droppet' });
  await anAction(db, elsewhere, { text: 'I Give', owner_id: hanne, due_date: '2026-12-01', status: 'aaben' });
  return { hanne, rene, first, second, elsewhere };
}

describe('/actions', () => {
  it('lists every action, earliest due date first and those without a date last', async () => {
    const { app, db } = await testApp();
    await actions(db);
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/actions');
    expect(res.status).toBe(200);
    expect(listed(res.text)).toEqual([
      'Udført for længe siden',
      'Forfalden i gang',
      'Droppet',
      'Forfalden i går',
      'Frist i dag',
      'Frist i morgen',
      'I Give',
      'Uden frist',
    ]);
    expect(res.text).toContain('<a href="/people/');
    expect(res.text).not.toContain('action="/actions/'); // a reader changes no status
  });

  it('filters by status, owner, meeting and partnership', async () => {
    const { app, db } = await testApp();
    const w = await actions(db);
    const partnership = await db.selectFrom('meetings').select('partnership_id').where('id', '=', w.first).executeTakeFirstOrThrow();
    const l = await signedIn(app, db, 'laeser');
    expect(listed((await l.agent.get('/actions?status=udfoert')).text)).toEqual(['Udført for længe siden']);
    expect(listed((await l.agent.get(`/actions?owner_id=${w.rene}`)).text)).toEqual(['Forfalden i gang', 'Frist i morgen']);
    const byMeeting = await l.agent.get(`/actions?meeting_id=${w.first}`);
    expect(listed(byMeeting.text)).toEqual(['Udført for længe siden', 'Forfalden i gang', 'Forfalden i går']);
    expect(byMeeting.text).toContain('Viser opfølgningspunkter fra ét møde.');
    expect(listed((await l.agent.get(`/actions?partnership_id=${partnership.partnership_id}&owner_id=${w.hanne}`)).text)).toEqual([
      'Udført for længe siden',
      'Forfalden i går',
      'Frist i dag',
    ]);
    expect((await l.agent.get('/actions?status=i_gang&owner_id=' + w.hanne)).text).toContain('Ingen opfølgningspunkter matcher filteret.');
  });

  it('shows only open actions (åben and i gang) with open=on', async () => {
    const { app, db } = await testApp();
    await actions(db);
    const l = await signedIn(app, db, 'laeser');
    expect(listed((await l.agent.get('/actions?open=on')).text)).toEqual(['Forfalden i gang', 'Forfalden i går', 'Frist i dag', 'Frist i morgen', 'I Give', 'Uden frist']);
  });

  it('counts as overdue an open action due before today in Copenhagen, also just after midnight', async () => {
    const { app, db, clock } = await testApp();
    await actions(db);
    const l = await signedIn(app, db, 'laeser');
    const midday = await l.agent.get('/actions?overdue=on');
    expect(listed(midday.text)).toEqual(['Forfalden i gang', 'Forfalden i går']);
    expect(midday.text).toContain('<span class="badge badge--warning">overskredet</span>');
    // 23.30 UTC on the 24th is already 00.30 on the 25th in Copenhagen: "Frist i dag" is now overdue.
    clock.set('2026-11-24T23:30:00.000Z');
    expect(listed((await l.agent.get('/actions?overdue=on')).text)).toEqual(['Forfalden i gang', 'Forfalden i går', 'Frist i dag']);
    // One minute before midnight in Copenhagen it is not overdue yet.
    clock.set('2026-11-24T22:59:00.000Z');
    expect(listed((await l.agent.get('/actions?overdue=on')).text)).toEqual(['Forfalden i gang', 'Forfalden i går']);
  });

  it('uses summer time too: 22.30 UTC on 10 June is already 11 June in Copenhagen', async () => {
    const { app, db, clock } = await testApp({ now: '2026-06-10T21:30:00.000Z' });
    const meeting = await aMeeting(db, { kind: 'workshop', day: '2026-06-01' });
    await anAction(db, meeting, { text: 'Frist 10. juni', due_date: '2026-06-10' });
    const l = await signedIn(app, db, 'laeser');
    expect(listed((await l.agent.get('/actions?overdue=on')).text)).toEqual([]);
    clock.set('2026-06-10T22:30:00.000Z');
    expect(listed((await l.agent.get('/actions?overdue=on')).text)).toEqual(['Frist 10. juni']);
  });

  it('ignores filter values it does not understand', async () => {
    const { app, db } = await testApp();
    await actions(db);
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/actions?status=klar&owner_id=abc&meeting_id=-1&partnership_id=x&page=zz');
    expect(res.status).toBe(200);
    expect(listed(res.text)).toHaveLength(8);
  });

  it('shows 25 a page, with page links that keep the filters', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db, { kind: 'workshop' });
    for (let i = 1; i <= 30; i++) await anAction(db, meeting, { text: `Åben ${String(i).padStart(2, '0')}`, due_date: `2027-01-${String(i).padStart(2, '0')}` });
    await anAction(db, meeting, { text: 'Lukket', status: 'udfoert' });
    const l = await signedIn(app, db, 'laeser');
    const first = await l.agent.get('/actions?open=on');
    expect(listed(first.text)).toEqual(Array.from({ length: 25 }, (_, i) => `Åben ${String(i + 1).padStart(2, '0')}`));
    expect(pagerText(first.text)).toBe('Viser 1–25 af 30 · side 1 af 2');
    expect(relHref(first.text, 'next')).toBe('/actions?open=on&page=2');
    const second = await l.agent.get(relHref(first.text, 'next')!);
    expect(listed(second.text)).toEqual(['Åben 26', 'Åben 27', 'Åben 28', 'Åben 29', 'Åben 30']);
    expect(relHref(second.text, 'prev')).toBe('/actions?open=on');
  });
});
