// The daily run at 07:00 Copenhagen time, driven by the test's clock: an action's owner is
// reminded three days before its due date and once it is overdue, each once, on the right day
// across midnight and summer time, catching up after downtime; a missed deadline reaches the
// konsulent.
import { aMeeting, anAction, aPerson, aUser } from '../helpers/factories';
import { testConfig } from '../helpers/app';
import { notifierFor, runDailyReminders, savePreferences, TOPICS } from '../../server/notifications/service';
import { setActionStatus } from '../../server/actions/service';
import { APP_URL, FROM, giveEmail, mailApp, type MailApp } from './helpers';

const config = { ...testConfig, publicUrl: APP_URL, mailFrom: FROM };

/** The run at `iso` (the clock set there, so the worker delivers what it queued); what arrived. */
async function runAt(t: MailApp, iso: string, missed: Parameters<typeof runDailyReminders>[3] = []) {
  t.clock.set(iso);
  const run = await runDailyReminders(t.db, t.clock.now(), notifierFor(config), missed);
  return { run, mails: (await t.deliver()).map((m) => `${m.to}: ${m.subject}`), raw: t.smtp.received };
}

describe('the daily reminders', () => {
  it('reminds the owner at 07:00 Copenhagen time three days before the due date and the morning after it, each once', async () => {
    const t = await mailApp();
    const hanne = await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    await anAction(t.db, meetingId, { text: 'Send budgettet rundt', owner_id: hanne, due_date: '2026-11-27' });
    await anAction(t.db, meetingId, { text: 'Uden ansvarlig', owner_id: null, due_date: '2026-11-27' });
    const done = await anAction(t.db, meetingId, { text: 'Allerede gjort', owner_id: hanne, due_date: '2026-11-27' });
    await setActionStatus(t.db, done, 'udfoert', { userId: null, personId: hanne, mayEditAll: true }, new Date('2026-11-02T09:00:00Z'));

    // 23 November 23.59 in Copenhagen: four days to go.
    expect(await runAt(t, '2026-11-23T22:59:59.000Z')).toMatchObject({ run: { day: '2026-11-23', reminders: 0 }, mails: [] });
    // After midnight but before 07:00 on the 24th: still the 23rd's run, already made.
    expect(await runAt(t, '2026-11-23T23:30:00.000Z')).toMatchObject({ run: { day: null }, mails: [] });
    expect(await runAt(t, '2026-11-24T05:59:59.000Z')).toMatchObject({ run: { day: null }, mails: [] });
    // 07.00 on the 24th (06.00 UTC in winter): three days to go.
    const soon = await runAt(t, '2026-11-24T06:00:00.000Z');
    expect(soon.run).toEqual({ day: '2026-11-24', reminders: 1 });
    expect(soon.mails).toEqual(['hanne@foa.example.dk: Frist 27.11.2026: Send budgettet rundt']);
    expect(await runAt(t, '2026-11-24T12:00:00.000Z')).toMatchObject({ run: { day: null }, mails: [] });
    // The due day itself: nothing new.
    expect(await runAt(t, '2026-11-27T06:00:00.000Z')).toMatchObject({ run: { day: '2026-11-27', reminders: 0 }, mails: [] });
    expect(await runAt(t, '2026-11-28T05:59:00.000Z')).toMatchObject({ run: { day: null }, mails: [] });
    // 07.00 the morning after: overdue.
    const overdue = await runAt(t, '2026-11-28T06:00:00.000Z');
    expect(overdue.mails).toEqual(['hanne@foa.example.dk: Fristen er overskredet: Send budgettet rundt']);
    expect(await runAt(t, '2026-11-29T06:00:00.000Z')).toMatchObject({ run: { reminders: 0 }, mails: [] });
  });

  it('the text names the action, its meeting and due date, and links to the owner’s actions', async () => {
    const t = await mailApp();
    const hanne = await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    await anAction(t.db, meetingId, { text: 'Send budgettet rundt', owner_id: hanne, due_date: '2026-11-27' });
    t.clock.set('2026-11-24T06:00:00.000Z');
    await runDailyReminders(t.db, t.clock.now(), notifierFor(config));
    const [mail] = await t.deliver();
    expect(mail.text).toContain('Hej Hanne M. Petersen,');
    expect(mail.text).toContain('Fristen for dit opfølgningspunkt fra mødet "Partnerskabsmøde" er 27.11.2026:\n\nSend budgettet rundt');
    expect(mail.text).toContain(`Se dine opfølgningspunkter:\n${APP_URL}/actions?owner_id=${hanne}`);
    expect(mail.text).toContain(`${APP_URL}/profile`);
  });

  it('catches up after downtime: the first run after 07:00 sends what is due that day, once', async () => {
    const t = await mailApp();
    const hanne = await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    await anAction(t.db, meetingId, { text: 'Overskredet under nedetiden', owner_id: hanne, due_date: '2026-11-27' });
    await anAction(t.db, meetingId, { text: 'Snart', owner_id: hanne, due_date: '2026-12-02' });
    await anAction(t.db, meetingId, { text: 'Senere', owner_id: hanne, due_date: '2026-12-10' });
    // The server was down from before the 24th until the afternoon of the 30th.
    const first = await runAt(t, '2026-11-30T13:15:00.000Z');
    expect(first.mails.sort()).toEqual(['hanne@foa.example.dk: Frist 02.12.2026: Snart', 'hanne@foa.example.dk: Fristen er overskredet: Overskredet under nedetiden']);
    expect(await runAt(t, '2026-11-30T13:25:00.000Z')).toMatchObject({ mails: [] });
    expect(await runAt(t, '2026-12-01T06:00:00.000Z')).toMatchObject({ mails: [] });
    // Down again until the 7th: "Snart" has become overdue, "Senere" is due in three days.
    expect((await runAt(t, '2026-12-07T06:00:00.000Z')).mails.sort()).toEqual(['hanne@foa.example.dk: Frist 10.12.2026: Senere', 'hanne@foa.example.dk: Fristen er overskredet: Snart']);
  });

  it('runs at 07:00 summer time (05:00 UTC)', async () => {
    const t = await mailApp({ now: '2026-06-01T10:00:00.000Z' });
    const hanne = await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const meetingId = await aMeeting(t.db, { title: 'Sommermøde', day: '2026-06-01' });
    await anAction(t.db, meetingId, { text: 'Sommerfest', owner_id: hanne, due_date: '2026-06-13' });
    expect(await runAt(t, '2026-06-10T04:59:59.000Z')).toMatchObject({ run: { day: '2026-06-09' }, mails: [] });
    expect((await runAt(t, '2026-06-10T05:00:00.000Z')).mails).toEqual(['hanne@foa.example.dk: Frist 13.06.2026: Sommerfest']);
  });

  it('a missed deadline reaches the konsulent once', async () => {
    const t = await mailApp();
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    await giveEmail(t.db, 'Konsulent på Uldumprojektet', 'konsulent@hedensted.example.dk');
    const missed = [{ kind: 'agenda' as const, meetingId, title: 'Partnerskabsmøde', due: '2026-12-03' }];
    const run = await runAt(t, '2026-12-04T06:00:00.000Z', missed);
    expect(run.mails).toEqual(['konsulent@hedensted.example.dk: Frist overskredet: Partnerskabsmøde']);
    expect(await runAt(t, '2026-12-05T06:00:00.000Z', missed)).toMatchObject({ mails: [] });
  });

  it('an owner who switched reminders off gets none; one without an address gets none and the run goes on', async () => {
    const t = await mailApp();
    const hanne = await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const per = await giveEmail(t.db, 'Per Lange', 'per@foa.example.dk');
    const tom = (await t.db.selectFrom('people').select('id').where('name', '=', 'Tom Bjerregaard').executeTakeFirstOrThrow()).id;
    const account = await aUser(t.db, 'repraesentant', 'Per Lange');
    await savePreferences(t.db, account.userId!, new Set(TOPICS.filter((x) => x !== 'reminders')), t.clock.now());
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    for (const owner of [hanne, per, tom]) await anAction(t.db, meetingId, { text: `Punkt ${owner}`, owner_id: owner, due_date: '2026-11-26' });
    const run = await runAt(t, '2026-11-24T06:00:00.000Z');
    expect(run.mails).toEqual([`hanne@foa.example.dk: Frist 26.11.2026: Punkt ${hanne}`]);
    expect(run.run.reminders).toBe(3);
  });
  it('queues a morning of many reminders in a few statements, not a few per reminder (each a round trip on PostgreSQL)', async () => {
    const t = await mailApp();
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    const owners = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => aPerson(t.db, { name: `Ejer ${x}`, email: `${x}@foa.example.dk` })));
    for (let i = 0; i < 60; i++) await anAction(t.db, meetingId, { text: `Punkt ${i}`, owner_id: owners[i % 5], due_date: '2026-11-01' });
    let statements = 0;
    const counted = t.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => (statements++, args.result) });
    t.clock.set('2026-11-24T06:00:00.000Z');
    expect(await runDailyReminders(counted, t.clock.now(), notifierFor(config))).toEqual({ day: '2026-11-24', reminders: 60 });
    expect(statements).toBeLessThan(15);
    const mails = [...(await t.deliver()), ...(await t.deliver())]; // the worker takes 50 at a time
    expect(mails).toHaveLength(60);
    expect(mails.filter((m) => m.to === 'c@foa.example.dk').map((m) => m.subject)).toEqual([2, 7, 12, 17, 22, 27, 32, 37, 42, 47, 52, 57].map((i) => `Fristen er overskredet: Punkt ${i}`));
  });
});
