// /profile: which messages a user gets by e-mail (all on by default), saved per user and
// honoured when a message is queued.
import { signedIn } from '../helpers/agent';
import { auditOf } from '../helpers/db';
import { flashes } from '../helpers/html';
import { aHeldMeeting } from '../helpers/factories';
import { TOPICS } from '../../server/notifications/service';
import { giveEmail, mailApp } from './helpers';

const checked = (html: string) => [...html.matchAll(/<input type="checkbox" id="topic-(\w+)" name="topics" value="\w+"[^>]*?( checked)?>/g)].filter((m) => m[2]).map((m) => m[1]);

describe('e-mail preferences on /profile', () => {
  it('shows every kind of message ticked and the address they go to; saving a choice is audited and shown', async () => {
    const t = await mailApp();
    await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const hanne = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const page = (await hanne.agent.get('/profile')).text;
    expect(page).toContain('<h2 id="beskeder">E-mail-beskeder</h2>');
    expect(page).toContain('Beskeder sendes til <strong>hanne@foa.example.dk</strong>');
    expect(checked(page)).toEqual([...TOPICS]);
    expect(page).toContain('<label for="topic-approval">Referat til godkendelse</label>');

    const res = await hanne.post('/profile/beskeder', { topics: TOPICS.filter((x) => x !== 'approval' && x !== 'agenda') });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile#beskeder');
    const after = (await hanne.agent.get('/profile')).text;
    expect(flashes(after)).toContain('Dine valg af e-mail-beskeder er gemt.');
    expect(checked(after)).toEqual(TOPICS.filter((x) => x !== 'approval' && x !== 'agenda'));
    expect(await t.db.selectFrom('mail_preferences').select(['topic', 'enabled']).where('user_id', '=', hanne.userId).orderBy('topic').execute()).toEqual([
      { topic: 'agenda', enabled: 0 },
      { topic: 'approval', enabled: 0 },
    ]);
    const [entry] = await auditOf(t.db, 'mail_preferences', hanne.userId);
    expect(JSON.parse(entry.after!)).toMatchObject({ approval: false, agenda: false, meetings: true });
    expect(entry.user_id).toBe(hanne.userId);

    // Everything off, then on again.
    await hanne.post('/profile/beskeder', {});
    expect(checked((await hanne.agent.get('/profile')).text)).toEqual([]);
    await hanne.post('/profile/beskeder', { topics: [...TOPICS] });
    expect(checked((await hanne.agent.get('/profile')).text)).toEqual([...TOPICS]);
    expect(await t.db.selectFrom('mail_preferences').selectAll().where('user_id', '=', hanne.userId).execute()).toEqual([]);
  });

  it('a user without an address on their person gets messages at their account’s address; the page says where', async () => {
    const t = await mailApp();
    const k = await signedIn(t.app, t.db, 'konsulent');
    const email = (await t.db.selectFrom('users').select('email').where('id', '=', k.userId).executeTakeFirstOrThrow()).email;
    expect((await k.agent.get('/profile')).text).toContain(`Beskeder sendes til <strong>${email}</strong>`);
  });

  it('a representative who switched "Referat til godkendelse" off is not mailed, the others are', async () => {
    const t = await mailApp();
    await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    await giveEmail(t.db, 'Per Lange', 'per@foa.example.dk');
    const hanne = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    await hanne.post('/profile/beskeder', { topics: TOPICS.filter((x) => x !== 'approval') });
    const k = await signedIn(t.app, t.db, 'konsulent');
    const meetingId = await aHeldMeeting(t.db, { title: 'Partnerskabsmøde' });
    const res = await k.post(`/meetings/${meetingId}/minutes/send`);
    expect((await t.deliver()).map((m) => m.to)).toEqual(['per@foa.example.dk']);
    // Hanne chose not to be told: she is not counted among those without an address.
    expect(flashes((await k.agent.get(res.headers.location)).text)).toContain(
      '6 af 7 modtagere har ingen e-mailadresse og får ikke besked: Jesper Thyrring Møller, Konsulent på Uldumprojektet, Peter Hüttel, René G. Nielsen, Steen Dahl-Hansen og 1 andre.',
    );
  });
});
