import type { AppRole } from '../../server/db/schema';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, anAction } from '../helpers/factories';

describe('/ (overblik)', () => {
  it.each(['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[])('greets a %s; the partnership and reference data are on /om-partnerskabet', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    expect((await user.agent.get('/')).text).toContain(`Goddag, Test ${role}`);
    const res = await user.agent.get('/om-partnerskabet');
    expect(res.status).toBe(200);
    expect(res.text).toContain(PARTNERSHIP_NAME);
    for (const name of ['Ressourcedetektor', 'Medbygger', 'Oversætter', 'Udforsker', 'Initiativdyrker', 'Meningsskaber', 'Netværkssmed', 'Effektjæger']) {
      expect(res.text).toMatch(new RegExp(`<dt><a href="/roles/[a-z]+">${name}</a></dt>`));
    }
    for (const k of ['Fritid og Fællesskab', 'Læring', 'Beskæftigelse', 'Social Omsorg']) expect(res.text).toMatch(new RegExp(`<li><a href="/initiatives\\?kerneopgave=[a-z-]+">${k}</a></li>`));
    for (const a of ['Kerneopgaven', 'Tillid', 'Ledelse', 'Faglighed', 'Afbureaukratisering']) expect(res.text).toContain(`<dt>${a}</dt>`);
  });

  it('remembers a reader’s own sections for the minute only: a meeting that has begun leaves "Næste møder" without any write', async () => {
    const t = await testApp({ now: '2026-12-08T12:59:30.000Z' }); // 13.59.30 in Copenhagen
    const user = await signedIn(t.app, t.db, 'laeser');
    await aMeeting(t.db, { title: 'Partnerskabsmøde kl. 14' }); // 8 December 14.00–16.00
    expect((await user.agent.get('/')).text).toContain('Partnerskabsmøde kl. 14');
    t.clock.set('2026-12-08T12:59:50.000Z');
    expect((await user.agent.get('/')).text).toContain('Partnerskabsmøde kl. 14');
    t.clock.set('2026-12-08T13:00:01.000Z');
    expect((await user.agent.get('/')).text).not.toContain('Partnerskabsmøde kl. 14');
  });

  it('shows each reader their own sections, not the last reader’s', async () => {
    const { app, db } = await testApp();
    const konsulent = await signedIn(app, db, 'konsulent');
    const repraesentant = await signedIn(app, db, 'repraesentant');
    await anAction(db, await aMeeting(db), { text: 'Konsulentens eget punkt', owner_id: konsulent.personId, due_date: '2026-12-01' });
    expect((await konsulent.agent.get('/')).text).toContain('Konsulentens eget punkt');
    expect((await repraesentant.agent.get('/')).text).not.toContain('Konsulentens eget punkt');
  });

  it('shows the administration menu to administrators only', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await admin.agent.get('/')).text).toContain('href="/admin/users"');
    expect((await konsulent.agent.get('/')).text).not.toContain('href="/admin/users"');
  });
});

describe('/baseline', () => {
  it('renders the tiny yardstick page for a signed-in user when the bench started the server', async () => {
    const { app, db } = await testApp({ config: { benchBaseline: true } });
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/baseline');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Målepunkt</h1>');
  });

  it('does not exist otherwise', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    expect((await l.agent.get('/baseline')).status).toBe(404);
  });
});
