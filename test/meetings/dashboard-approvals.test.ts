// The dashboard's "Referater der venter på din godkendelse": minutes awaiting approval that the
// signed-in representative's party has not approved yet; gone once their party has approved.
import type { Agent } from '../helpers/agent';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aHeldMeeting, aMeeting, aMeetingAwaitingApproval } from '../helpers/factories';
import { CONSULTANT_NAME } from '../../seeds/partnership';
import { audit, SYSTEM_ACTOR } from '../../server/db/audit';

/** The titles in the approval list of the dashboard. */
async function awaiting(agent: Agent): Promise<string[]> {
  const res = await agent.get('/');
  expect(res.status).toBe(200);
  const section = /<section aria-labelledby="awaiting-heading">([\s\S]*?)<\/section>/.exec(res.text);
  if (!section) return []; // people who cannot approve do not get the section at all
  if (section[1].includes('Ingen referater venter på dig.')) return [];
  return [...section[1].matchAll(/<a href="\/meetings\/\d+\/minutes">([^<]*)<\/a>/g)].map((m) => m[1]);
}

describe('minutes awaiting my approval', () => {
  it('lists minutes awaiting approval until my party has approved them', async () => {
    const t = await testApp();
    const sent = await aMeetingAwaitingApproval(t.db, { title: 'Sendt til godkendelse', day: '2026-11-10' });
    await aMeetingAwaitingApproval(t.db, { title: 'Også sendt', day: '2026-11-17' });
    await aHeldMeeting(t.db, { title: 'Stadig en kladde' });
    await aMeeting(t.db, { title: 'Ikke afholdt' });
    const foa = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const per = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Per Lange' });
    const kommune = await signedIn(t.app, t.db, 'repraesentant', { personName: 'René G. Nielsen' });

    expect(await awaiting(foa.agent)).toEqual(['Også sendt', 'Sendt til godkendelse']);
    const page = await foa.agent.get('/');
    expect(page.text).toContain(`<a href="/meetings/${sent}/minutes">Sendt til godkendelse</a> <span class="muted">· 10.11.2026</span>`);

    await foa.post(`/meetings/${sent}/minutes/approve`);
    expect(await awaiting(foa.agent)).toEqual(['Også sendt']);
    expect(await awaiting(per.agent)).toEqual(['Også sendt']); // FOA has approved, whoever did it
    expect(await awaiting(kommune.agent)).toEqual(['Også sendt', 'Sendt til godkendelse']);

    await kommune.post(`/meetings/${sent}/minutes/approve`);
    expect(await awaiting(kommune.agent)).toEqual(['Også sendt']);
  });

  it('shows nothing to people who cannot approve: consultant, reader, a representative of no party', async () => {
    const t = await testApp();
    await aMeetingAwaitingApproval(t.db, { title: 'Sendt til godkendelse' });
    const consultant = await signedIn(t.app, t.db, 'konsulent', { personName: CONSULTANT_NAME }); // a representative member, but not by role
    const reader = await signedIn(t.app, t.db, 'laeser', { personName: 'Tom Bjerregaard' });
    const outsider = await signedIn(t.app, t.db, 'repraesentant', { organisationName: 'FOA' });
    const signatory = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Dennis Kristensen' });
    for (const who of [consultant, reader, outsider, signatory]) expect(await awaiting(who.agent)).toEqual([]);
  });

  it('shows nothing to a partnership member who is no longer a representative', async () => {
    const t = await testApp();
    await aMeetingAwaitingApproval(t.db, { title: 'Sendt til godkendelse' });
    const per = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Per Lange' });
    expect(await awaiting(per.agent)).toEqual(['Sendt til godkendelse']);
    // A change as the app makes it: with its audit row (the overview's remembered sections rely on it).
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('partnership_members').set({ is_representative: 0, convenes_meetings: 1 }).where('person_id', '=', per.personId).execute();
      await audit(trx, { actor: SYSTEM_ACTOR, at: new Date(), action: 'update', entity: 'partnership_members', entityId: per.personId });
    });
    expect(await awaiting(per.agent)).toEqual([]);
  });

  it('shows the list to an administrator who represents a party', async () => {
    const t = await testApp();
    await aMeetingAwaitingApproval(t.db, { title: 'Sendt til godkendelse' });
    const admin = await signedIn(t.app, t.db, 'admin', { personName: 'Peter Hüttel' });
    expect(await awaiting(admin.agent)).toEqual(['Sendt til godkendelse']);
  });

  it('lists the minutes again after they are withdrawn and sent anew', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db, { title: 'Sendt to gange' });
    const foa = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const k = await signedIn(t.app, t.db, 'konsulent');
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    expect(await awaiting(foa.agent)).toEqual([]);
    await k.post(`/meetings/${meeting}/minutes/withdraw`);
    expect(await awaiting(foa.agent)).toEqual([]); // a draft awaits no one
    await k.post(`/meetings/${meeting}/minutes/send`);
    expect(await awaiting(foa.agent)).toEqual(['Sendt to gange']);
  });
});
