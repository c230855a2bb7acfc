import type { AppRole } from '../../server/db/schema';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';

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
