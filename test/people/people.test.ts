import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aPerson, anOrganisation, organisationId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';

async function personNamed(db: Awaited<ReturnType<typeof testApp>>['db'], name: string) {
  return db.selectFrom('people').selectAll().where('name', '=', name).executeTakeFirst();
}

const validForm = (over: Record<string, string> = {}) => ({
  name: 'Mette Ørum',
  title: 'Social- og sundhedsassistent',
  organisation_id: '',
  position: 'medarbejder',
  email: 'Mette.Orum@Uldum.dk',
  phone: '+45 12 34 56 78',
  active: 'on',
  ...over,
});

describe('/people: create', () => {
  it('shows the form and creates a person, with an audit entry', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get('/people/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ny person');

    const plejecenter = await organisationId(db, 'Plejecentret i Uldum');
    const res = await k.post('/people', validForm({ organisation_id: String(plejecenter) }));
    expect(res.status).toBe(303);
    const person = await personNamed(db, 'Mette Ørum');
    expect(person).toMatchObject({
      title: 'Social- og sundhedsassistent',
      organisation_id: plejecenter,
      email: 'mette.orum@uldum.dk',
      phone: '+45 12 34 56 78',
      position: 'medarbejder',
      active: 1,
    });
    expect(res.headers.location).toBe(`/people/${person!.id}`);

    const page = await k.agent.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(flashes(page.text)).toContain('Personen er oprettet.');
    expect(page.text).toContain('Plejecentret i Uldum');

    const [entry] = await auditOf(db, 'person', person!.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId, before: null });
    expect(JSON.parse(entry.after!)).toMatchObject({ name: 'Mette Ørum', email: 'mette.orum@uldum.dk' });
  });

  it('re-renders with 422, Danish messages beside the fields and the input kept; saves nothing', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const people = await countRows(db, 'people');
    const audits = await countRows(db, 'audit_log');

    const res = await k.post('/people', validForm({ name: '  ', title: 'Pædagog', email: 'ikke-en-mail', phone: '12', position: 'chef' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Skriv personens navn');
    expect(fieldError(res.text, 'email')).toBe('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk');
    expect(fieldError(res.text, 'phone')).toMatch(/^Skriv et telefonnummer med 8 cifre/);
    expect(fieldError(res.text, 'position')).toBe('Vælg personens rolle i arbejdet');
    expect(fieldError(res.text, 'title')).toBeUndefined();
    expect(res.text).toContain('Formularen indeholder fejl');
    expect(fieldValue(res.text, 'title')).toBe('Pædagog');
    expect(fieldValue(res.text, 'email')).toBe('ikke-en-mail');
    expect(fieldValue(res.text, 'phone')).toBe('12');

    expect(await countRows(db, 'people')).toBe(people);
    expect(await countRows(db, 'audit_log')).toBe(audits);
  });

  it('refuses an organisation that does not exist with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/people', validForm({ organisation_id: '99999' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'organisation_id')).toBe('Vælg en organisation fra listen');
    expect(await personNamed(db, 'Mette Ørum')).toBeUndefined();
  });

  it('lets an administrator create people too', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const res = await admin.post('/people', validForm());
    expect(res.status).toBe(303);
    expect(await personNamed(db, 'Mette Ørum')).toBeDefined();
  });
});

describe('/people/:id: view and edit', () => {
  it('shows a person with organisation, partnerships and status', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const hanne = await personNamed(db, 'Hanne M. Petersen');
    const res = await l.agent.get(`/people/${hanne!.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Hanne M. Petersen</h1>');
    expect(res.text).toContain('Afdelingsformand');
    expect(res.text).toContain('FOA');
    expect(res.text).toContain('– repræsentant');
    expect(res.text).not.toContain('Slet person');
    expect(res.text).not.toContain(`/people/${hanne!.id}/edit`);
  });

  it('edits a person, keeps before and after in the audit log', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aPerson(db, { name: 'Lars Mikkelsen', title: 'Lærer' });

    const form = await k.agent.get(`/people/${id}/edit`);
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'name')).toBe('Lars Mikkelsen');
    expect(selectedValue(form.text, 'position')).toBe('medarbejder');

    const res = await k.post(`/people/${id}`, validForm({ name: 'Lars Mikkelsen', title: 'Viceskoleleder', position: 'leder', active: '' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/people/${id}`);
    const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Viceskoleleder', position: 'leder', active: 0, email: 'mette.orum@uldum.dk' });

    const page = await k.agent.get(`/people/${id}`);
    expect(flashes(page.text)).toContain('Personen er gemt.');
    expect(page.text).toContain('Inaktiv');

    const update = (await auditOf(db, 'person', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!)).toMatchObject({ title: 'Lærer', active: 1 });
    expect(JSON.parse(update.after!)).toMatchObject({ title: 'Viceskoleleder', active: 0 });
  });

  it('keeps an inactive organisation selected on the edit form, so saving does not drop it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const closed = await anOrganisation(db, { name: 'Nedlagt Klub', active: false });
    const id = await aPerson(db, { name: 'Tidligere Medlem', organisation_id: closed });
    const form = await k.agent.get(`/people/${id}/edit`);
    expect(selectedValue(form.text, 'organisation_id')).toBe(String(closed));
    expect(form.text).toContain('>Nedlagt Klub (inaktiv)</option>');
    const create = await k.agent.get('/people/new');
    expect(create.text).not.toContain('Nedlagt Klub');
  });

  it('escapes what users typed', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aPerson(db, { name: '<script>alert(1)</script>', title: '"><img src=x onerror=alert(1)>' });
    for (const url of [`/people/${id}`, '/people', `/people/${id}/edit`]) {
      const res = await k.agent.get(url);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('re-renders an invalid edit with 422 and changes nothing', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aPerson(db, { name: 'Sofie Dam' });
    const res = await k.post(`/people/${id}`, validForm({ name: '', title: 'Pædagog', email: 'sofie@' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Skriv personens navn');
    expect(fieldError(res.text, 'email')).toBe('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk');
    expect(fieldValue(res.text, 'email')).toBe('sofie@');
    const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Sofie Dam');
    expect(row.email).toBeNull();
    expect((await auditOf(db, 'person', id)).map((e) => e.action)).toEqual(['create']);
  });
});

describe('/people/:id/delete', () => {
  it('deletes an unused person and writes an audit row', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aPerson(db, { name: 'Kortvarig Deltager' });
    const res = await k.post(`/people/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/people');
    expect(await personNamed(db, 'Kortvarig Deltager')).toBeUndefined();
    const list = await k.agent.get('/people');
    expect(flashes(list.text)).toContain('Personen er slettet.');
    const entry = (await auditOf(db, 'person', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!)).toMatchObject({ name: 'Kortvarig Deltager' });
    expect(entry.after).toBeNull();
  });

  it('refuses to delete a person with a user account, and says why', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const other = await signedIn(app, db, 'laeser');
    const res = await k.post(`/people/${other.personId}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/people/${other.personId}`);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Personen har en brugerkonto og kan ikke slettes. Deaktivér personen eller brugeren i stedet.');
    expect(await db.selectFrom('people').select('id').where('id', '=', other.personId).executeTakeFirst()).toBeDefined();
    expect((await auditOf(db, 'person', other.personId)).some((e) => e.action === 'delete')).toBe(false);
  });

  it('refuses to delete a partnership representative', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const hanne = (await personNamed(db, 'Hanne M. Petersen'))!;
    const res = await k.post(`/people/${hanne.id}/delete`);
    expect(res.status).toBe(303);
    const page = await k.agent.get(`/people/${hanne.id}`);
    expect(flashes(page.text)).toContain('Personen er repræsentant i et partnerskab og kan ikke slettes. Deaktivér personen i stedet.');
    expect(await personNamed(db, 'Hanne M. Petersen')).toBeDefined();
  });
});

describe('/people: unknown ids', () => {
  it.each([
    ['GET', '/people/999999'],
    ['GET', '/people/abc'],
    ['GET', '/people/0x1'],
    ['GET', '/people/1e1'],
    ['GET', '/people/-1'],
    ['GET', '/people/999999/edit'],
    ['GET', '/people/abc/edit'],
    ['POST', '/people/999999'],
    ['POST', '/people/abc'],
    ['POST', '/people/999999/delete'],
    ['POST', '/people/abc/delete'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const people = await countRows(db, 'people');
    const res = method === 'GET' ? await k.agent.get(url) : await k.post(url, validForm());
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
    expect(await countRows(db, 'people')).toBe(people);
  });
});

describe('/people: who may change', () => {
  const readers: AppRole[] = ['laeser', 'repraesentant'];

  it.each(readers)('%s can read the list and a person', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await aPerson(db, { name: 'Birgit Sørensen' });
    expect((await user.agent.get('/people')).status).toBe(200);
    const page = await user.agent.get(`/people/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Birgit Sørensen');
  });

  it.each(readers)('%s gets 403 on every form and change, and nothing changes', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await aPerson(db, { name: 'Birgit Sørensen' });
    const people = await countRows(db, 'people');

    const list = await user.agent.get('/people');
    expect(list.text).not.toContain('href="/people/new"');
    expect((await user.agent.get('/people/new')).status).toBe(403);
    expect((await user.agent.get(`/people/${id}/edit`)).status).toBe(403);
    const create = await user.post('/people', validForm());
    expect(create.status).toBe(403);
    expect(create.text).toContain('Du har ikke adgang til denne handling');
    expect((await user.post(`/people/${id}`, validForm({ name: 'Ændret' }))).status).toBe(403);
    expect((await user.post(`/people/${id}/delete`)).status).toBe(403);

    expect(await countRows(db, 'people')).toBe(people);
    expect((await db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('Birgit Sørensen');
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aPerson(db, { name: 'Uændret Person' });
    const people = await countRows(db, 'people');
    expect((await k.agent.post('/people').type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/people/${id}`).type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/people/${id}/delete`).type('form').send({ _csrf: 'forkert' })).status).toBe(403);
    expect(await countRows(db, 'people')).toBe(people);
    expect(await personNamed(db, 'Uændret Person')).toBeDefined();
  });
});

describe('/people: contact data', () => {
  async function withContactPerson() {
    const t = await testApp();
    const id = await aPerson(t.db, { name: 'Kontakt Person', email: 'kontakt@uldum.dk', phone: '+45 87 65 43 21' });
    return { ...t, id };
  }

  it('is hidden from a læser on the list and the person page', async () => {
    const { app, db, id } = await withContactPerson();
    const l = await signedIn(app, db, 'laeser');
    for (const url of ['/people', `/people/${id}`]) {
      const res = await l.agent.get(url);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Kontakt Person');
      expect(res.text).not.toContain('kontakt@uldum.dk');
      expect(res.text).not.toContain('87 65 43 21');
      expect(res.text).not.toContain('E-mail');
      expect(res.text).not.toContain('Telefon');
    }
  });

  it('cannot be found through the search by a læser (the search covers name and title)', async () => {
    const { app, db } = await withContactPerson();
    const l = await signedIn(app, db, 'laeser');
    for (const q of ['kontakt@uldum.dk', '@uldum']) {
      const res = await l.agent.get('/people').query({ q });
      expect(res.text).not.toContain('Kontakt Person');
    }
    expect((await l.agent.get('/people').query({ q: 'kontakt' })).text).toContain('Kontakt Person');
  });

  it.each(['konsulent', 'repraesentant', 'admin'] as AppRole[])('is shown to a %s', async (role) => {
    const { app, db, id } = await withContactPerson();
    const user = await signedIn(app, db, role);
    for (const url of ['/people', `/people/${id}`]) {
      const res = await user.agent.get(url);
      expect(res.text).toContain('kontakt@uldum.dk');
      expect(res.text).toContain('+45 87 65 43 21');
    }
  });
});
