// Administering the roles (admin only): add a role, edit its name and description, retire and
// reactivate it. The partnership has not settled the model, so this is ordinary use.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';
import { anEvidence } from './helpers';

const newRole = (over: Record<string, string> = {}) => ({
  key: 'brobygger',
  kind: 'medarbejder',
  name: 'Brobygger',
  description: 'Forbinder borgerens hverdag med lokalsamfundets fællesskaber.',
  ...over,
});

describe('adding a role', () => {
  it('creates a role after the others, shows it on /roles and in the evidence form', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    expect((await a.agent.get('/roles/new')).status).toBe(200);
    const res = await a.post('/roles', newRole());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/roles/brobygger');
    expect(flashes((await a.agent.get('/roles/brobygger')).text)).toContain('Rollen er oprettet.');
    const row = await db.selectFrom('roles').selectAll().where('key', '=', 'brobygger').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'medarbejder', name: 'Brobygger', retired: 0, sort_order: 9 });
    const [entry] = await auditOf(db, 'role', 'brobygger');
    expect(entry).toMatchObject({ action: 'create', user_id: a.userId });
    expect((await a.agent.get('/roles')).text).toMatch(/<h2 id="kind-medarbejder">[\s\S]*Brobygger[\s\S]*<h2 id="kind-leder">/);
    expect((await a.agent.get('/roles/evidence/new')).text).toMatch(/<optgroup label="Medarbejder med vilje">[\s\S]*<option value="brobygger">Brobygger<\/option>[\s\S]*<\/optgroup>\s*<optgroup label="Leder på kanten">/);
  });

  it('refuses a malformed, reserved or taken key and a taken name with 422; nothing saved', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    const before = await countRows(db, 'roles');
    const malformed = await a.post('/roles', newRole({ key: 'Bro Bygger', kind: 'chef', name: '', description: 'Beskrivelsen bevares' }));
    expect(malformed.status).toBe(422);
    expect(fieldError(malformed.text, 'key')).toBe('Nøglen må kun indeholde små bogstaver a–z, tal og bindestreg, fx brobygger');
    expect(fieldError(malformed.text, 'kind')).toBe('Vælg, om det er en medarbejder- eller lederrolle');
    expect(fieldError(malformed.text, 'name')).toBe('Skriv rollens navn');
    expect(fieldValue(malformed.text, 'key')).toBe('Bro Bygger');
    expect(fieldValue(malformed.text, 'description')).toBe('Beskrivelsen bevares');
    expect(fieldError((await a.post('/roles', newRole({ key: 'evidence' }))).text, 'key')).toBe('Nøglen er reserveret; vælg en anden');
    const taken = await a.post('/roles', newRole({ key: 'medbygger', kind: 'leder' }));
    expect(taken.status).toBe(422);
    expect(fieldError(taken.text, 'key')).toBe('Der findes allerede en rolle med den nøgle');
    expect(selectedValue(taken.text, 'kind')).toBe('leder');
    expect(fieldError((await a.post('/roles', newRole({ name: 'Medbygger' }))).text, 'name')).toBe('Der findes allerede en rolle med det navn');
    expect(await countRows(db, 'roles')).toBe(before);
    expect((await auditOf(db, 'role')).filter((e) => e.user_id === a.userId)).toHaveLength(0);
  });
});

describe('editing a role', () => {
  it('changes name and description and records before and after', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    const form = await a.agent.get('/roles/oversaetter/edit');
    expect(fieldValue(form.text, 'name')).toBe('Oversætter');
    const res = await a.post('/roles/oversaetter', { name: 'Tolk', description: 'Gør det abstrakte konkret.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/roles/oversaetter');
    expect(await db.selectFrom('roles').select(['name', 'description', 'kind']).where('key', '=', 'oversaetter').executeTakeFirst()).toEqual({
      name: 'Tolk',
      description: 'Gør det abstrakte konkret.',
      kind: 'medarbejder',
    });
    const update = (await auditOf(db, 'role', 'oversaetter')).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(a.userId);
    expect(JSON.parse(update.before!).name).toBe('Oversætter');
    expect(JSON.parse(update.after!).name).toBe('Tolk');
    expect(flashes((await a.agent.get('/roles/oversaetter')).text)).toContain('Rollen er gemt.');
  });

  it('keeps the role unchanged when the edit is invalid', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    const res = await a.post('/roles/oversaetter', { name: 'Udforsker', description: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'description')).toBe('Skriv en kort beskrivelse af rollen');
    const again = await a.post('/roles/oversaetter', { name: 'Udforsker', description: 'Ny tekst' });
    expect(fieldError(again.text, 'name')).toBe('Der findes allerede en rolle med det navn');
    expect((await db.selectFrom('roles').select('name').where('key', '=', 'oversaetter').executeTakeFirstOrThrow()).name).toBe('Oversætter');
  });
});

describe('retiring and reactivating a role', () => {
  it('retires a role, keeps its evidence, and brings it back', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    await anEvidence(db, { role_key: 'meningsskaber', team: 'Ledelsen i Uldum' });
    const res = await a.post('/roles/meningsskaber/retire', { retired: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/roles/meningsskaber');
    const page = await a.agent.get('/roles/meningsskaber');
    expect(flashes(page.text)).toContain('Rollen er markeret som udgået. Dens observationer er bevaret.');
    expect(page.text).toContain('Ledelsen i Uldum');
    expect(page.text).toContain('Genaktivér rolle');
    expect(await countRows(db, 'role_evidence')).toBe(1);
    expect((await a.agent.get('/roles/evidence/new')).text).not.toContain('value="meningsskaber"');

    expect((await a.post('/roles/meningsskaber/retire', { retired: '0' })).status).toBe(303);
    expect((await db.selectFrom('roles').select('retired').where('key', '=', 'meningsskaber').executeTakeFirstOrThrow()).retired).toBe(0);
    expect((await auditOf(db, 'role', 'meningsskaber')).filter((e) => e.action === 'update')).toHaveLength(2);
  });

  it('retires when no value is sent and refuses an unknown value', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    expect((await a.post('/roles/udforsker/retire')).status).toBe(303);
    expect((await db.selectFrom('roles').select('retired').where('key', '=', 'udforsker').executeTakeFirstOrThrow()).retired).toBe(1);
    const bad = await a.post('/roles/medbygger/retire', { retired: 'måske' });
    expect(bad.status).toBe(422);
    expect((await db.selectFrom('roles').select('retired').where('key', '=', 'medbygger').executeTakeFirstOrThrow()).retired).toBe(0);
    expect((await a.post('/roles/findes-ikke/retire', { retired: '1' })).status).toBe(404);
    expect((await a.post('/roles/findes-ikke', { name: 'X', description: 'Y' })).status).toBe(404);
  });
});
