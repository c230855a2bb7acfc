import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aPerson, anOrganisation, organisationId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';

function organisationNamed(db: TestApp['db'], name: string) {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirst();
}

/** The organisations' names in the order the list shows them. */
function namesShown(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/organisations\/\d+">([^<]*)<\/a><\/td>/g)].map((m) => m[1]);
}

const validForm = (over: Record<string, string> = {}) => ({
  name: 'Uldum Borgerforening',
  kind: 'forening',
  description: 'Frivillige i Uldum.',
  active: 'on',
  ...over,
});

describe('/organisations: list', () => {
  it('lists organisations with their kind and number of people', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/organisations');
    expect(res.status).toBe(200);
    expect(namesShown(res.text)).toEqual(
      expect.arrayContaining(['FOA', 'Hedensted Kommune', 'Plejecentret i Uldum', 'Skolen i Uldum', 'Daginstitutionen i Uldum', 'Lokalsamfundet Uldum']),
    );
    expect(res.text).toMatch(/<a href="\/organisations\/\d+">FOA<\/a><\/td>\s*<td>Fagforening<\/td>\s*<td>4<\/td>/);
    expect(res.text).not.toContain('href="/organisations/new"');
  });

  it('filters by kind and by text, case-insensitively with æøå', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await anOrganisation(db, { name: 'Ærøskøbing Ældreråd', kind: 'borgergruppe' });
    const institutions = namesShown((await l.agent.get('/organisations').query({ kind: 'institution' })).text);
    expect(institutions.sort()).toEqual(['Daginstitutionen i Uldum', 'Plejecentret i Uldum', 'Skolen i Uldum']);
    expect(namesShown((await l.agent.get('/organisations').query({ q: 'ÆRØSKØBING' })).text)).toEqual(['Ærøskøbing Ældreråd']);
    expect(namesShown((await l.agent.get('/organisations').query({ q: 'uldum', kind: 'borgergruppe' })).text)).toEqual(['Lokalsamfundet Uldum']);
    expect((await l.agent.get('/organisations').query({ q: '100%' })).text).toContain('Ingen organisationer matcher filteret.');
  });
});

describe('/organisations: create, edit, delete', () => {
  it('creates an organisation with an audit entry', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get('/organisations/new')).status).toBe(200);
    const res = await k.post('/organisations', validForm());
    expect(res.status).toBe(303);
    const row = (await organisationNamed(db, 'Uldum Borgerforening'))!;
    expect(row).toMatchObject({ kind: 'forening', description: 'Frivillige i Uldum.', active: 1 });
    expect(res.headers.location).toBe(`/organisations/${row.id}`);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Organisationen er oprettet.');
    expect(page.text).toContain('Ingen personer er knyttet til organisationen.');
    const [entry] = await auditOf(db, 'organisation', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ name: 'Uldum Borgerforening', kind: 'forening' });
  });

  it('re-renders with 422 and saves nothing when the input is wrong', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'organisations');
    const res = await k.post('/organisations', validForm({ name: '', kind: 'klub', description: 'Beskrivelse der bevares' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Skriv organisationens navn');
    expect(fieldError(res.text, 'kind')).toBe('Vælg en type');
    expect(fieldValue(res.text, 'description')).toBe('Beskrivelse der bevares');
    expect(await countRows(db, 'organisations')).toBe(before);
  });

  it('refuses a name that is already in use with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'organisations');
    const res = await k.post('/organisations', validForm({ name: 'FOA', kind: 'virksomhed' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Der findes allerede en organisation med det navn');
    expect(fieldValue(res.text, 'name')).toBe('FOA');
    expect(selectedValue(res.text, 'kind')).toBe('virksomhed');
    expect(await countRows(db, 'organisations')).toBe(before);
  });

  it('edits an organisation and records before and after', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anOrganisation(db, { name: 'Gammelt Navn', kind: 'forening' });
    const form = await k.agent.get(`/organisations/${id}/edit`);
    expect(fieldValue(form.text, 'name')).toBe('Gammelt Navn');
    const res = await k.post(`/organisations/${id}`, validForm({ name: 'Nyt Navn', kind: 'frivillig organisation', active: '' }));
    expect(res.status).toBe(303);
    expect(await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({
      name: 'Nyt Navn',
      kind: 'frivillig organisation',
      active: 0,
    });
    const page = await k.agent.get(`/organisations/${id}`);
    expect(flashes(page.text)).toContain('Organisationen er gemt.');
    expect(page.text).toContain('Frivillig organisation');
    const update = (await auditOf(db, 'organisation', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!).name).toBe('Gammelt Navn');
    expect(JSON.parse(update.after!).name).toBe('Nyt Navn');
  });

  it('keeps an organisation unchanged when an edit is invalid', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anOrganisation(db, { name: 'Fast Navn' });
    const res = await k.post(`/organisations/${id}`, validForm({ name: 'FOA' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Der findes allerede en organisation med det navn');
    expect((await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('Fast Navn');
  });

  it('deletes an unused organisation and writes an audit row', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anOrganisation(db, { name: 'Nedlagt Forening' });
    const res = await k.post(`/organisations/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/organisations');
    expect(await organisationNamed(db, 'Nedlagt Forening')).toBeUndefined();
    expect(flashes((await k.agent.get('/organisations')).text)).toContain('Organisationen er slettet.');
    const entry = (await auditOf(db, 'organisation', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!).name).toBe('Nedlagt Forening');
  });

  it('refuses to delete an organisation with people', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    await aPerson(db, { name: 'Lærer Lund', organisation_id: skolen });
    const res = await k.post(`/organisations/${skolen}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/organisations/${skolen}`);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Organisationen kan ikke slettes, fordi der er personer knyttet til den. Deaktivér den i stedet.');
    expect(page.text).toContain('Lærer Lund');
    expect(await organisationNamed(db, 'Skolen i Uldum')).toBeDefined();
    expect((await auditOf(db, 'organisation', skolen)).some((e) => e.action === 'delete')).toBe(false);
  });

  it('refuses to delete a party to a partnership, even without people', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anOrganisation(db, { name: 'Tredje Part' });
    const partnership = await db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
    await withoutAuditRule(db, () => db.insertInto('partnership_parties').values({ partnership_id: partnership.id, organisation_id: id, sort_order: 3 }).execute());
    await k.post(`/organisations/${id}/delete`);
    const page = await k.agent.get(`/organisations/${id}`);
    expect(page.status).toBe(200);
    expect(flashes(page.text)).toContain('Organisationen kan ikke slettes, fordi den bruges af personer, partnerskaber eller historik. Deaktivér den i stedet.');
    expect(page.text).toContain('Part i partnerskaber');
  });
});

describe('/organisations: unknown ids', () => {
  it.each([
    ['GET', '/organisations/999999'],
    ['GET', '/organisations/abc'],
    ['GET', '/organisations/1.5'],
    ['GET', '/organisations/999999/edit'],
    ['GET', '/organisations/abc/edit'],
    ['POST', '/organisations/999999'],
    ['POST', '/organisations/abc'],
    ['POST', '/organisations/999999/delete'],
    ['POST', '/organisations/abc/delete'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'organisations');
    const res = method === 'GET' ? await k.agent.get(url) : await k.post(url, validForm());
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
    expect(await countRows(db, 'organisations')).toBe(before);
  });
});

describe('/organisations: who may change', () => {
  it.each(['laeser', 'repraesentant'] as AppRole[])('%s gets 403 on every form and change, and nothing changes', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await anOrganisation(db, { name: 'Beskyttet Forening' });
    const before = await countRows(db, 'organisations');
    expect((await user.agent.get(`/organisations/${id}`)).status).toBe(200);
    expect((await user.agent.get('/organisations/new')).status).toBe(403);
    expect((await user.agent.get(`/organisations/${id}/edit`)).status).toBe(403);
    expect((await user.post('/organisations', validForm())).status).toBe(403);
    expect((await user.post(`/organisations/${id}`, validForm({ name: 'Ændret' }))).status).toBe(403);
    expect((await user.post(`/organisations/${id}/delete`)).status).toBe(403);
    expect(await countRows(db, 'organisations')).toBe(before);
    expect(await organisationNamed(db, 'Beskyttet Forening')).toBeDefined();
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anOrganisation(db, { name: 'Beskyttet Forening' });
    expect((await k.agent.post('/organisations').type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/organisations/${id}/delete`).type('form').send({})).status).toBe(403);
    expect(await organisationNamed(db, 'Uldum Borgerforening')).toBeUndefined();
    expect(await organisationNamed(db, 'Beskyttet Forening')).toBeDefined();
  });
});
