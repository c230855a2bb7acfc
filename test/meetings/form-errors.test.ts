// The meeting page's small forms after wrong input: a tampered attendance or move answers 422
// with the page and a Danish message (nothing saved, no "saved" message), and a <details> that
// holds a field in error comes back open.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aMeeting, anAgendaItem, aPerson } from '../helpers/factories';
import { fieldError, flashes, unescapeHtml } from '../helpers/html';

/** The opening tag of the <details> that holds the form posting to `action`. */
function detailsTagAround(html: string, action: string): string {
  const at = html.indexOf(`action="${action}"`);
  if (at < 0) throw new Error(`no form posting to ${action}`);
  const start = html.lastIndexOf('<details', at);
  return html.slice(start, html.indexOf('>', start) + 1);
}

describe('the cancel form in its <details>', () => {
  it('is closed at first and open when its reason is missing', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const page = await k.agent.get(`/meetings/${id}`);
    expect(detailsTagAround(page.text, `/meetings/${id}/cancel`)).toBe('<details class="cancel">');

    const res = await k.post(`/meetings/${id}/cancel`, { cancel_reason: '' });
    expect(res.status).toBe(422);
    expect(detailsTagAround(res.text, `/meetings/${id}/cancel`)).toBe('<details class="cancel" open>');
  });
});

describe('attendance with a value that is not offered', () => {
  it('answers 422 with a message beside the person and saves nothing, not even the valid rows', async () => {
    const { app, db } = await testApp();
    const hanne = await aPerson(db, { name: 'Hanne Hansen' });
    const per = await aPerson(db, { name: 'Per Persen' });
    const id = await aMeeting(db, { participant_ids: [hanne, per] });
    const k = await signedIn(app, db, 'konsulent');
    const audits = await countRows(db, 'audit_log');

    const res = await k.post(`/meetings/${id}/attendance`, { [`attendance_${hanne}`]: 'deltog', [`attendance_${per}`]: 'bogus' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Formularen indeholder fejl. Ret de markerede felter.');
    expect(fieldError(res.text, `attendance_${per}`)).toBe('Vælg inviteret, deltog, afbud eller udeblev');
    expect(res.text).toContain(`<a href="#f-attendance_${per}">`);
    // What was chosen for Hanne is kept on the re-rendered form.
    expect(res.text).toContain(`name="attendance_${hanne}" value="deltog" checked`);
    expect(res.text).not.toContain('Fremmødet er gemt.');

    const rows = await db.selectFrom('meeting_participants').select(['person_id', 'attendance']).where('meeting_id', '=', id).orderBy('person_id').execute();
    expect(rows.map((r) => r.attendance)).toEqual(['inviteret', 'inviteret']);
    expect(await countRows(db, 'audit_log')).toBe(audits);
    const next = await k.agent.get(`/meetings/${id}`);
    expect(flashes(next.text)).toEqual([]);
  });

  it('still saves valid attendance', async () => {
    const { app, db } = await testApp();
    const hanne = await aPerson(db);
    const id = await aMeeting(db, { participant_ids: [hanne] });
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}/attendance`, { [`attendance_${hanne}`]: 'afbud' });
    expect(res.status).toBe(303);
    const row = await db.selectFrom('meeting_participants').select('attendance').where('meeting_id', '=', id).executeTakeFirstOrThrow();
    expect(row.attendance).toBe('afbud');
  });
});

describe('moving an agenda item in a direction that is not offered', () => {
  it('answers 422 with the meeting page and a Danish message, and moves nothing', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db, { kind: 'dialogmoede' });
    const a = await anAgendaItem(db, id, { title: 'A' });
    await anAgendaItem(db, id, { title: 'B' });
    const k = await signedIn(app, db, 'konsulent');
    const forms: Array<Record<string, string>> = [{ direction: 'sideways' }, {}];
    for (const form of forms) {
      const res = await k.post(`/meetings/${id}/agenda/${a}/move`, form);
      expect(res.status).toBe(422);
      expect(unescapeHtml(res.text)).toContain('Punktet blev ikke flyttet. Brug knapperne "Flyt op" og "Flyt ned".');
      expect(res.text).toContain('<h2 id="dagsorden">');
    }
    const items = await db.selectFrom('agenda_items').select(['title', 'position']).where('meeting_id', '=', id).orderBy('position').execute();
    expect(items.map((i) => i.title)).toEqual(['A', 'B']);
  });
});
