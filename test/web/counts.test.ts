// A count and its noun agree wherever the app writes one: "1 åbent punkt", "2 åbne punkter".
import { signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { aMeeting, anAction } from '../helpers/factories';
import { unescapeHtml } from '../helpers/html';

function text(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

describe('counts in the singular', () => {
  it('says "1 åbent punkt" and "1 overskredet" on the overview', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { day: '2026-10-06' });
    await anAction(db, meeting, { text: 'Det ene', owner_id: user.personId, due_date: '2026-11-01' });
    const page = text((await user.agent.get('/')).text);
    expect(page).toContain('1 åbent punkt er mit');
    expect(page).toContain('1 overskredet i alt');
    expect(page).not.toMatch(/\b1 (åbne|overskredne)\b/);
  });

  it('starts the follow-up item of a new meeting with "1 åbent opfølgningspunkt"', async () => {
    const { db } = await freshDb();
    const first = await aMeeting(db, { day: '2026-10-06' });
    await anAction(db, first, { text: 'Det ene' });
    const next = await aMeeting(db, { day: '2026-12-08' });
    const item = await db.selectFrom('agenda_items').select('background').where('meeting_id', '=', next).executeTakeFirstOrThrow();
    expect(item.background).toBe('Status på partnerskabets 1 åbne opfølgningspunkt fra tidligere møder (listet nedenfor).');
  });

  it('says "1 åbent opfølgningspunkt …, heraf 1 overskredet" in the status report', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const meeting = await aMeeting(db, { day: '2026-10-06' });
    await anAction(db, meeting, { text: 'Det ene', due_date: '2026-11-01' }, new Date('2026-10-06T12:00:00Z'));
    const page = text((await user.agent.get('/reports/status?from=2026-09-01&to=2026-11-24')).text);
    expect(page).toContain('1 åbent opfølgningspunkt ved periodens slut, heraf 1 overskredet.');
  });
});
