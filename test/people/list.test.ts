import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aPerson, anOrganisation, organisationId } from '../helpers/factories';
import { pagerText, relHref } from '../helpers/html';

/** The people's names in the order the list shows them. */
function namesShown(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/people\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
}

describe('/people list: pagination', () => {
  it('shows 25 per page and the next-page link keeps the filters', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const forening = await anOrganisation(db, { name: 'Uldum Idrætsforening', kind: 'forening' });
    for (let i = 1; i <= 30; i++) await aPerson(db, { name: `Deltager ${String(i).padStart(2, '0')}`, organisation_id: forening });

    const all = await k.agent.get('/people');
    expect(pagerText(all.text)).toBe(`Viser 1–25 af ${await countRows(db, 'people')} · side 1 af 2`);
    expect(namesShown(all.text)).toHaveLength(25);

    const first = await k.agent.get('/people').query({ q: 'DELTAGER', kind: 'forening' });
    expect(first.status).toBe(200);
    expect(pagerText(first.text)).toBe('Viser 1–25 af 30 · side 1 af 2');
    expect(namesShown(first.text)[0]).toBe('Deltager 01');
    expect(relHref(first.text, 'prev')).toBeUndefined();
    expect(relHref(first.text, 'next')).toBe('/people?q=DELTAGER&kind=forening&page=2');
    expect(first.text).toContain('>Næste side</a>');

    const second = await k.agent.get(relHref(first.text, 'next')!);
    expect(pagerText(second.text)).toBe('Viser 26–30 af 30 · side 2 af 2');
    expect(namesShown(second.text)).toEqual(['Deltager 26', 'Deltager 27', 'Deltager 28', 'Deltager 29', 'Deltager 30']);
    expect(relHref(second.text, 'next')).toBeUndefined();
    expect(relHref(second.text, 'prev')).toBe('/people?q=DELTAGER&kind=forening');
  });

  it('treats a page number that is not a number as the first page', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'laeser');
    const res = await k.agent.get('/people?page=abc');
    expect(res.status).toBe(200);
    expect(pagerText(res.text)).toMatch(/^Viser 1–\d+ af \d+$/);
  });
});

describe('/people list: filters', () => {
  it('finds names with æ, ø and å regardless of case', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aPerson(db, { name: 'Ærø Øster' });
    await aPerson(db, { name: 'Aero Oster' });
    for (const q of ['ærø', 'ÆRØ', 'Ærø', 'øSTER']) {
      const res = await l.agent.get('/people').query({ q });
      expect(namesShown(res.text)).toEqual(['Ærø Øster']);
    }
    const none = await l.agent.get('/people').query({ q: 'åå' });
    expect(none.text).toContain('Ingen personer matcher filteret.');
  });

  it('searches for the characters % and _ literally', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aPerson(db, { name: '50% Rabat_Klub' });
    await aPerson(db, { name: 'Rabatklubben' });
    expect(namesShown((await l.agent.get('/people').query({ q: '50%' })).text)).toEqual(['50% Rabat_Klub']);
    expect(namesShown((await l.agent.get('/people').query({ q: 'rabat_k' })).text)).toEqual(['50% Rabat_Klub']);
    expect(namesShown((await l.agent.get('/people').query({ q: '_' })).text)).toEqual(['50% Rabat_Klub']);
  });

  it('filters by the kind of organisation, and by organisation', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const union = await l.agent.get('/people').query({ kind: 'fagforening' });
    const names = namesShown(union.text);
    expect(names).toEqual(expect.arrayContaining(['Hanne M. Petersen', 'Per Lange', 'Tom Bjerregaard', 'Dennis Kristensen']));
    expect(names).not.toContain('Jesper Thyrring Møller');
    expect(union.text).toMatch(/<option value="fagforening" selected>/);

    const hedensted = await organisationId(db, 'Hedensted Kommune');
    const municipality = namesShown((await l.agent.get('/people').query({ organisation_id: String(hedensted) })).text);
    expect(municipality).toContain('Jesper Thyrring Møller');
    expect(municipality).not.toContain('Hanne M. Petersen');
  });

  it('sorts the Danish way: æ, ø, å after z, and aa as å', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const org = await anOrganisation(db, { name: 'Sorteringsforeningen' });
    for (const name of ['Aage Andersen', 'Øjvind Ø', 'Zenia Z', 'Åse Å', 'Ærbødig Æ', 'Anders A']) await aPerson(db, { name, organisation_id: org });
    const res = await l.agent.get('/people').query({ organisation_id: String(org) });
    expect(namesShown(res.text)).toEqual(['Anders A', 'Zenia Z', 'Ærbødig Æ', 'Øjvind Ø', 'Aage Andersen', 'Åse Å']);
  });
});
