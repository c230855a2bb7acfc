// The daily run tells a review's owner once, on the morning of its day (07:00 Copenhagen time,
// here the Sunday summer time begins).
import { aMeeting, anAgendaItem, aPerson } from '../helpers/factories';
import { testConfig } from '../helpers/app';
import { aFefItem } from '../helpers/register-factories';
import { notifierFor, runDailyReminders } from '../../server/notifications/service';
import { setReviewDay } from '../../server/reviews/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { APP_URL, FROM, giveEmail, mailApp, type MailApp } from '../notifications/helpers';

const config = { ...testConfig, publicUrl: APP_URL, mailFrom: FROM };

async function runAt(t: MailApp, iso: string) {
  t.clock.set(iso);
  const run = await runDailyReminders(t.db, t.clock.now(), notifierFor(config));
  const mails = await t.deliver();
  return { run, mails: mails.map((m) => `${m.to}: ${m.subject}`), texts: mails.map((m) => m.text) };
}

describe('the daily run: reviews due', () => {
  it('tells the owner once at 07:00 on the review day: a forklar-eller-fjern item’s "rejst af", a decision’s convener', async () => {
    const t = await mailApp({ now: '2027-03-01T10:00:00Z' });
    const hanne = await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk');
    const karen = await aPerson(t.db, { name: 'Karen Konsulent' });
    await giveEmail(t.db, 'Karen Konsulent', 'karen@hedensted.example.dk');
    const rule = await aFefItem(t.db, { title: 'Dobbeltregistrering af medicin', raised_by: hanne });
    const meetingId = await aMeeting(t.db, { convener_id: karen, day: '2027-03-01' });
    const decision = await anAgendaItem(t.db, meetingId, { kind: 'beslutning', title: 'Ny vagtplan i weekenden' });
    const at = new Date('2027-03-01T10:00:00Z');
    await setReviewDay(t.db, 'fef', rule, '2027-03-28', SYSTEM_ACTOR, at);
    await setReviewDay(t.db, 'beslutning', decision, '2027-03-29', SYSTEM_ACTOR, at);

    // 06.59 on 28 March in Copenhagen (summer time from 02.00): still the 27th's run.
    expect(await runAt(t, '2027-03-28T04:59:00Z')).toMatchObject({ run: { day: '2027-03-27', reminders: 0 }, mails: [] });
    const first = await runAt(t, '2027-03-28T05:00:00Z');
    expect(first.mails).toEqual(['hanne@foa.example.dk: Til opfølgning: Dobbeltregistrering af medicin']);
    expect(first.texts[0]).toContain('skal tages op igen 28.03.2027');
    expect(first.texts[0]).toContain(`${APP_URL}/opfoelgning/fef/${rule}`);
    // The next morning: the decision, not the rule again.
    const second = await runAt(t, '2027-03-29T05:00:00Z');
    expect(second.mails).toEqual(['karen@hedensted.example.dk: Til opfølgning: Ny vagtplan i weekenden']);
    // A new day for the rule: told again on that day.
    await setReviewDay(t.db, 'fef', rule, '2027-04-02', SYSTEM_ACTOR, at);
    expect((await runAt(t, '2027-03-30T05:00:00Z')).mails).toEqual([]);
    expect((await runAt(t, '2027-04-02T05:00:00Z')).mails).toEqual(['hanne@foa.example.dk: Til opfølgning: Dobbeltregistrering af medicin']);
  });
});
