// Recording role evidence over HTTP: the form (pre-filled from the page it came from), saving,
// 422 with the input kept and nothing saved, editing and deleting, each audited.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, aPerson, organisationId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue, unescapeHtml } from '../helpers/html';
import { anEvidence, anInitiative, evidenceForm } from './helpers';
import { withoutAuditRule } from '../helpers/audit-rule';

function evidenceLink(html: string): string | undefined {
  const m = /<a class="button button--secondary" href="(\/roles\/evidence\/new\?[^"]*)">Registrér rolleobservation<\/a>/.exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}

describe('GET /roles/evidence/new', () => {
  it('offers the active roles grouped, and reminds the writer that citizens are never named', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get('/roles/evidence/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Borgere nævnes aldrig');
    expect(res.text).toMatch(/<optgroup label="Medarbejder med vilje">[\s\S]*Ressourcedetektor[\s\S]*<\/optgroup>\s*<optgroup label="Leder på kanten">[\s\S]*Effektjæger/);
    expect(fieldValue(res.text, 'date')).toBe('2026-11-24'); // today in Copenhagen
    expect(selectedValue(res.text, 'person_id')).toBe('');
  });

  it('pre-fills from a person page (with their workplace) and goes back there after saving', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    const mette = await aPerson(db, { name: 'Mette Holm', organisation_id: pleje });

    const personPage = await k.agent.get(`/people/${mette}`);
    const link = evidenceLink(personPage.text)!;
    expect(link).toBe(`/roles/evidence/new?return=%2Fpeople%2F${mette}&person_id=${mette}`);

    const form = await k.agent.get(link);
    expect(selectedValue(form.text, 'person_id')).toBe(String(mette));
    expect(selectedValue(form.text, 'organisation_id')).toBe(String(pleje));
    expect(form.text).toContain(`<input type="hidden" name="return" value="/people/${mette}">`);

    const res = await k.post('/roles/evidence', evidenceForm({ person_id: String(mette), team: '', organisation_id: String(pleje), return: `/people/${mette}` }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/people/${mette}`);
    expect(flashes((await k.agent.get(res.headers.location)).text)).toContain('Rolleobservationen er registreret.');
    const row = await db.selectFrom('role_evidence').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role_key: 'medbygger', person_id: mette, organisation_id: pleje, team: '', recorded_by: k.personId, date: '2026-11-20' });
    const [entry] = await auditOf(db, 'role_evidence', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
  });

  it('pre-fills from a meeting page with the meeting and its day', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { title: 'Workshop om roller', day: '2026-11-10' });
    const page = await k.agent.get(`/meetings/${meeting}`);
    const link = evidenceLink(page.text)!;
    expect(link).toBe(`/roles/evidence/new?return=%2Fmeetings%2F${meeting}&meeting_id=${meeting}`);
    const form = await k.agent.get(link);
    expect(selectedValue(form.text, 'meeting_id')).toBe(String(meeting));
    expect(form.text).toContain('10.11.2026 – Workshop om roller');
    expect(fieldValue(form.text, 'date')).toBe('2026-11-10');
  });

  it('pre-fills an initiative and an institution, and ignores malformed values and a foreign return address', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const initiative = await anInitiative(db, 'Ældre bager, børn synger');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const form = await k.agent.get('/roles/evidence/new').query({ initiative_id: String(initiative), organisation_id: String(skolen), person_id: 'abc', return: '//evil.example/x' });
    expect(form.status).toBe(200);
    expect(selectedValue(form.text, 'initiative_id')).toBe(String(initiative));
    expect(selectedValue(form.text, 'organisation_id')).toBe(String(skolen));
    expect(selectedValue(form.text, 'person_id')).toBe('');
    expect(form.text).toContain('<input type="hidden" name="return" value="">');
  });

  it('is not shown to a reader on the person and meeting pages', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const mette = await aPerson(db, { name: 'Mette Holm' });
    const meeting = await aMeeting(db);
    expect(evidenceLink((await l.agent.get(`/people/${mette}`)).text)).toBeUndefined();
    expect(evidenceLink((await l.agent.get(`/meetings/${meeting}`)).text)).toBeUndefined();
  });
});

describe('POST /roles/evidence', () => {
  it('saves a team note with initiative and meeting and shows it on the role page', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const initiative = await anInitiative(db, 'Brunch i plejeboligen');
    const meeting = await aMeeting(db, { title: 'Arbejdsgruppemøde', day: '2026-11-03' });
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    const res = await k.post(
      '/roles/evidence',
      evidenceForm({ initiative_id: String(initiative), meeting_id: String(meeting), organisation_id: String(pleje) }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/roles/medbygger');
    const page = await k.agent.get('/roles/medbygger');
    expect(page.text).toContain('Aftenvagten på plejecentret');
    expect(page.text).toContain(`<a href="/initiatives/${initiative}">Brunch i plejeboligen</a>`);
    expect(page.text).toContain(`<a href="/meetings/${meeting}">Arbejdsgruppemøde</a>`);
    expect(page.text).toContain(`<a href="/organisations/${pleje}">Plejecentret i Uldum</a>`);
    expect(page.text).toContain('Byggede en løsning sammen med en beboer og dennes datter.');
  });

  it('re-renders with 422, the messages beside the fields and the input kept; nothing saved', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/roles/evidence', evidenceForm({ role_key: '', date: '24/11', team: '', note: 'Noten bevares', return: '/people/1' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'role_key')).toBe('Vælg en rolle');
    expect(fieldError(res.text, 'date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'person_id')).toBe('Vælg en person, eller skriv hvilket team der udøvede rollen');
    expect(fieldValue(res.text, 'note')).toBe('Noten bevares');
    expect(fieldValue(res.text, 'date')).toBe('24/11');
    expect(res.text).toContain('<input type="hidden" name="return" value="/people/1">');
    expect(await countRows(db, 'role_evidence')).toBe(0);
    expect(await auditOf(db, 'role_evidence')).toHaveLength(0);
  });

  it('refuses a missing note, a retired role and a future date with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const a = await k.post('/roles/evidence', evidenceForm({ note: '   ' }));
    expect(a.status).toBe(422);
    expect(fieldError(a.text, 'note')).toBe('Skriv, hvad personen eller teamet gjorde');

    await withoutAuditRule(db, () => db.updateTable('roles').set({ retired: 1 }).where('key', '=', 'medbygger').execute());
    const b = await k.post('/roles/evidence', evidenceForm({ date: '2026-11-30' }));
    expect(b.status).toBe(422);
    expect(fieldError(b.text, 'role_key')).toBe('Rollen er udgået og kan ikke vælges til nye observationer');
    expect(fieldError(b.text, 'date')).toBe('Datoen kan ikke ligge i fremtiden');
    expect(fieldValue(b.text, 'team')).toBe('Aftenvagten på plejecentret');
    expect(await countRows(db, 'role_evidence')).toBe(0);
  });

  it('ignores a return address that is not a local path', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await k.post('/roles/evidence', evidenceForm({ return: bad }));
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/roles/medbygger');
    }
  });
});

describe('editing and deleting evidence', () => {
  it('edits a note, keeps who recorded it and audits before and after', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const writer = await aPerson(db, { name: 'Oprindelig Skribent' });
    const id = await anEvidence(db, { role_key: 'oversaetter', team: 'Skolens team', note: 'Første udgave.' }, writer);

    const form = await k.agent.get(`/roles/evidence/${id}/edit`);
    expect(form.status).toBe(200);
    expect(selectedValue(form.text, 'role_key')).toBe('oversaetter');
    expect(fieldValue(form.text, 'note')).toBe('Første udgave.');

    const res = await k.post(`/roles/evidence/${id}`, evidenceForm({ role_key: 'oversaetter', team: 'Skolens team', note: 'Anden udgave.', date: '2026-10-02' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/roles/oversaetter#observation-${id}`);
    const row = await db.selectFrom('role_evidence').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ note: 'Anden udgave.', date: '2026-10-02', recorded_by: writer });
    const update = (await auditOf(db, 'role_evidence', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!).note).toBe('Første udgave.');
    expect(JSON.parse(update.after!).note).toBe('Anden udgave.');
  });

  it('keeps the note unchanged when an edit is invalid', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anEvidence(db, { note: 'Fast tekst.' });
    const res = await k.post(`/roles/evidence/${id}`, evidenceForm({ team: '', person_id: '' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'person_id')).toBe('Vælg en person, eller skriv hvilket team der udøvede rollen');
    expect((await db.selectFrom('role_evidence').select('note').where('id', '=', id).executeTakeFirstOrThrow()).note).toBe('Fast tekst.');
    expect((await auditOf(db, 'role_evidence', id)).filter((e) => e.action === 'update')).toHaveLength(0);
  });

  it('deletes a note with an audit row and returns to the role page', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anEvidence(db, { role_key: 'udforsker', note: 'Skal slettes.' });
    const res = await k.post(`/roles/evidence/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/roles/udforsker');
    expect(await countRows(db, 'role_evidence')).toBe(0);
    expect(flashes((await k.agent.get('/roles/udforsker')).text)).toContain('Rolleobservationen er slettet.');
    const entry = (await auditOf(db, 'role_evidence', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!).note).toBe('Skal slettes.');
  });

  it('answers 404 for unknown or malformed evidence ids', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get('/roles/evidence/999/edit')).status).toBe(404);
    expect((await k.agent.get('/roles/evidence/abc/edit')).status).toBe(404);
    expect((await k.post('/roles/evidence/999', evidenceForm())).status).toBe(404);
    expect((await k.post('/roles/evidence/999/delete')).status).toBe(404);
    expect((await k.post('/roles/evidence/1e1/delete')).status).toBe(404);
  });
});
