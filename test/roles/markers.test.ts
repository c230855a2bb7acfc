// Roles that grow: the progress markers of a role (outcome mapping's three levels) edited by the
// konsulent, evidence tied to a marker of its own role, and the role page's table of markers seen
// per institution and quarter, which counts places and never people.
import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aPerson, organisationId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';
import { anEvidence, evidenceForm } from './helpers';

async function markerId(db: TestApp['db'], roleKey: string, level: number, position: number): Promise<number> {
  const row = await db.selectFrom('role_markers').select('id').where('role_key', '=', roleKey).where('level', '=', level).where('position', '=', position).executeTakeFirstOrThrow();
  return row.id;
}

/** The text of the role page's marker table, a row per line: "Institution | K1 | … | niveauer". */
function markerMatrix(html: string): string[] {
  const table = /<table class="table table--compact marker-matrix">([\s\S]*?)<\/table>/.exec(html);
  if (!table) return [];
  return [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => unescapeHtml(c[1].trim())).join(' | '),
  );
}

describe('the proposal on the role page', () => {
  it('shows each role its markers by level with codes, for every reader', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/roles/ressourcedetektor');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Markører: sådan vokser rollen');
    expect(unescapeHtml(res.text)).toMatch(/1\. Forventer at se[\s\S]*<strong>1\.1<\/strong> Spørger borgeren, hvad vedkommende selv kan og gerne vil\.[\s\S]*2\. Vil gerne se[\s\S]*3\. Ville elske at se/);
    expect(res.text).not.toContain('Tilføj markør');
    expect(res.text).toContain('Ingen observationer er knyttet til en markør i de seneste 4 kvartaler.');
  });
});

describe('/roles/:key/markers (konsulent, admin)', () => {
  it('lets a konsulent add a marker, last in its level unless a place is given, audited', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const page = await k.agent.get('/roles/medbygger');
    expect(page.text).toContain('href="/roles/medbygger/markers/new"');
    const form = await k.agent.get('/roles/medbygger/markers/new?level=2');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ny markør for Medbygger');
    const res = await k.post('/roles/medbygger/markers', { level: '2', text: 'Planlægger et forløb sammen med en borger og en frivillig.', position: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/roles/medbygger#markoerer');
    const after = await k.agent.get('/roles/medbygger');
    expect(flashes(after.text)).toContain('Markøren er tilføjet.');
    expect(unescapeHtml(after.text)).toContain('<strong>2.4</strong> Planlægger et forløb sammen med en borger og en frivillig.');
    const row = await db.selectFrom('role_markers').selectAll().where('text', 'like', 'Planlægger%').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role_key: 'medbygger', level: 2, position: 4, retired: 0 });
    const [entry] = await auditOf(db, 'role_marker', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
  });

  it('answers 422 with the input kept and saves nothing for a wrong level, an empty text or a bad place', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'role_markers');
    const res = await k.post('/roles/medbygger/markers', { level: '7', text: '   ', position: 'først' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Formularen indeholder fejl');
    expect(fieldError(res.text, 'level')).toBe('Vælg et niveau');
    expect(fieldError(res.text, 'text')).toBe('Skriv, hvad man kan se, når rollen vokser');
    expect(fieldError(res.text, 'position')).toBe('Skriv et helt tal fra 1 til 999');
    expect(fieldValue(res.text, 'position')).toBe('først');
    const kept = await k.post('/roles/medbygger/markers', { level: '1', text: 'x'.repeat(501), position: '2' });
    expect(kept.status).toBe(422);
    expect(unescapeHtml(kept.text)).toContain('x'.repeat(501));
    expect(await countRows(db, 'role_markers')).toBe(before);
  });

  it('edits text, level and place, so the codes follow the new order', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const third = await markerId(db, 'oversaetter', 1, 3);
    const form = await k.agent.get(`/roles/oversaetter/markers/${third}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Redigér markør 1.3 for Oversætter');
    expect(fieldValue(form.text, 'position')).toBe('3');
    const res = await k.post(`/roles/oversaetter/markers/${third}`, { level: '1', text: 'Bruger ord, som borgeren selv bruger.', position: '0' });
    expect(res.status).toBe(422);
    expect(fieldValue(res.text, 'text')).toBe('Bruger ord, som borgeren selv bruger.');
    expect((await k.post(`/roles/oversaetter/markers/${third}`, { level: '1', text: 'Bruger ord, som borgeren selv bruger.', position: '1' })).status).toBe(303);
    // Place 1 shared with the first: the older one stays first, then this one.
    const page = unescapeHtml((await k.agent.get('/roles/oversaetter')).text);
    expect(page).toContain('<strong>1.2</strong> Bruger ord, som borgeren selv bruger.');
    const moved = await k.post(`/roles/oversaetter/markers/${third}`, { level: '3', text: 'Bruger ord, som borgeren selv bruger.', position: '' });
    expect(moved.status).toBe(303);
    const row = await db.selectFrom('role_markers').selectAll().where('id', '=', third).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 3, position: 4 });
    const entries = await auditOf(db, 'role_marker', third);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('retires a marker with evidence instead of deleting it, and deletes one without', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const used = await markerId(db, 'udforsker', 2, 1);
    const free = await markerId(db, 'udforsker', 2, 2);
    await anEvidence(db, { role_key: 'udforsker', marker_id: used });

    const confirm = await k.agent.get(`/roles/udforsker/markers/${used}/delete`);
    expect(confirm.status).toBe(200);
    const refused = await k.post(`/roles/udforsker/markers/${used}/delete`);
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toBe('/roles/udforsker#markoerer');
    expect(flashes((await k.agent.get('/roles/udforsker')).text)).toContain('Markøren kan ikke slettes, fordi der er knyttet observationer til den. Lad den udgå i stedet.');
    expect(await db.selectFrom('role_markers').select('id').where('id', '=', used).executeTakeFirst()).toBeDefined();

    expect((await k.post(`/roles/udforsker/markers/${used}/retire`, { retired: '1' })).status).toBe(303);
    const page = unescapeHtml((await k.agent.get('/roles/udforsker')).text);
    expect(page).toMatch(/<strong>2\.1<\/strong> [^<]*<span class="badge">Udgået<\/span>/);
    expect(page).toContain('Markøren er udgået.');
    const form = await k.agent.get('/roles/evidence/new?role_key=udforsker');
    expect(form.text).not.toContain(`value="${used}"`);
    expect((await k.post(`/roles/udforsker/markers/${used}/retire`, { retired: '0' })).status).toBe(303);
    expect((await db.selectFrom('role_markers').select('retired').where('id', '=', used).executeTakeFirstOrThrow()).retired).toBe(0);
    expect((await k.post(`/roles/udforsker/markers/${used}/retire`, { retired: 'måske' })).status).toBe(422);

    expect((await k.post(`/roles/udforsker/markers/${free}/delete`)).status).toBe(303);
    expect(await db.selectFrom('role_markers').select('id').where('id', '=', free).executeTakeFirst()).toBeUndefined();
    const entries = await auditOf(db, 'role_marker', free);
    expect(entries.map((e) => e.action)).toEqual(['create', 'delete']);
  });

  it('answers 404 for an unknown role, an unknown marker or a marker of another role', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const other = await markerId(db, 'medbygger', 1, 1);
    const form = { level: '1', text: 'Noget, man kan se.', position: '' };
    expect((await k.agent.get('/roles/findes-ikke/markers/new')).status).toBe(404);
    expect((await k.post('/roles/findes-ikke/markers', form)).status).toBe(404);
    expect((await k.agent.get('/roles/udforsker/markers/99999/edit')).status).toBe(404);
    expect((await k.agent.get(`/roles/udforsker/markers/${other}/edit`)).status).toBe(404);
    expect((await k.post(`/roles/udforsker/markers/${other}`, form)).status).toBe(404);
    expect((await k.post(`/roles/udforsker/markers/${other}/retire`, { retired: '1' })).status).toBe(404);
    expect((await k.post(`/roles/udforsker/markers/${other}/delete`)).status).toBe(404);
    expect((await k.agent.get('/roles/udforsker/markers/01/edit')).status).toBe(404);
  });

  it.each(['laeser', 'repraesentant'] as AppRole[])('refuses %s every marker route with 403 and changes nothing', async (role) => {
    const { app, db } = await testApp();
    const id = await markerId(db, 'medbygger', 1, 1);
    const u = await signedIn(app, db, role);
    const before = JSON.stringify(await db.selectFrom('role_markers').selectAll().orderBy('id').execute());
    for (const path of ['/roles/medbygger/markers/new', `/roles/medbygger/markers/${id}/edit`, `/roles/medbygger/markers/${id}/delete`]) {
      expect([path, (await u.agent.get(path)).status]).toEqual([path, 403]);
    }
    const form = { level: '1', text: 'Noget, man kan se.', position: '' };
    for (const [path, body] of [
      ['/roles/medbygger/markers', form],
      [`/roles/medbygger/markers/${id}`, form],
      [`/roles/medbygger/markers/${id}/retire`, { retired: '1' }],
      [`/roles/medbygger/markers/${id}/delete`, {}],
    ] as Array<[string, Record<string, string>]>) {
      expect([path, (await u.post(path, body)).status]).toEqual([path, 403]);
    }
    expect(JSON.stringify(await db.selectFrom('role_markers').selectAll().orderBy('id').execute())).toBe(before);
    const page = await u.agent.get('/roles/medbygger');
    expect(page.text).not.toContain('/markers/');
  });

  it('lets an admin do what the konsulent does', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'admin');
    expect((await a.agent.get('/roles/medbygger/markers/new')).status).toBe(200);
    expect((await a.post('/roles/medbygger/markers', { level: '3', text: 'Borgerne inviterer selv til det næste fællesmøde.', position: '1' })).status).toBe(303);
    expect(await db.selectFrom('role_markers').select('level').where('text', '=', 'Borgerne inviterer selv til det næste fællesmøde.').executeTakeFirst()).toEqual({ level: 3 });
  });
});

describe('evidence tied to a marker', () => {
  it("offers the chosen role's markers grouped by level, and saves the one chosen", async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get('/roles/evidence/new?role_key=medbygger');
    expect(form.text).toMatch(/<select id="f-marker_id" name="marker_id"[^>]*>\s*<option value="">Ingen markør<\/option>\s*<optgroup label="Forventer at se">[\s\S]*<optgroup label="Vil gerne se">[\s\S]*<optgroup label="Ville elske at se">/);
    expect(form.text).not.toContain('Spørger borgeren, hvad vedkommende selv kan'); // a ressourcedetektor marker
    const all = await k.agent.get('/roles/evidence/new');
    expect(all.text).toContain('<optgroup label="Ressourcedetektor: forventer at se">');

    const marker = await markerId(db, 'medbygger', 2, 2);
    const res = await k.post('/roles/evidence', evidenceForm({ marker_id: String(marker) }));
    expect(res.status).toBe(303);
    const row = await db.selectFrom('role_evidence').selectAll().executeTakeFirstOrThrow();
    expect(row.marker_id).toBe(marker);
    const page = unescapeHtml((await k.agent.get('/roles/medbygger')).text);
    expect(page).toContain('<dt>Markør</dt><dd>2.2 Prøver en fælles løsning af i det små og justerer den undervejs.</dd>');
  });

  it("refuses a marker of another role with 422, the input kept and nothing saved", async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const wrong = await markerId(db, 'udforsker', 1, 1);
    const res = await k.post('/roles/evidence', evidenceForm({ marker_id: String(wrong), note: 'Min note' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'marker_id')).toBe('Markøren hører til en anden rolle; vælg en af den valgte rolles markører');
    expect(fieldValue(res.text, 'note')).toBe('Min note');
    expect((await k.post('/roles/evidence', evidenceForm({ marker_id: '99999' }))).status).toBe(422);
    expect(await countRows(db, 'role_evidence')).toBe(0);
  });

  it('keeps a retired marker on a note that already has it, but offers it to no new note', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const marker = await markerId(db, 'medbygger', 1, 1);
    const evidence = await anEvidence(db, { role_key: 'medbygger', marker_id: marker });
    expect((await k.post(`/roles/medbygger/markers/${marker}/retire`, { retired: '1' })).status).toBe(303);
    const edit = await k.agent.get(`/roles/evidence/${evidence}/edit`);
    expect(edit.text).toMatch(new RegExp(`<option value="${marker}" selected>[^<]*\\(udgået\\)</option>`));
    expect((await k.post(`/roles/evidence/${evidence}`, evidenceForm({ marker_id: String(marker), note: 'Rettet' }))).status).toBe(303);
    const fresh = await k.post('/roles/evidence', evidenceForm({ marker_id: String(marker) }));
    expect(fresh.status).toBe(422);
    expect(fieldError(fresh.text, 'marker_id')).toBe('Markøren er udgået og kan ikke vælges til nye observationer');
  });
});

describe('markers seen per institution and quarter', () => {
  it('shows the codes seen per institution and quarter, and never a person', async () => {
    const { app, db } = await testApp();
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const mette = await aPerson(db, { name: 'Mette Holm', organisation_id: pleje });
    const m11 = await markerId(db, 'ressourcedetektor', 1, 1);
    const m23 = await markerId(db, 'ressourcedetektor', 2, 3);
    const m31 = await markerId(db, 'ressourcedetektor', 3, 1);
    await anEvidence(db, { marker_id: m23, organisation_id: pleje, person_id: mette, team: '', date: '2026-10-02' });
    await anEvidence(db, { marker_id: m11, organisation_id: pleje, person_id: mette, team: '', date: '2026-10-01' });
    await anEvidence(db, { marker_id: m11, organisation_id: pleje, date: '2026-11-01' }); // seen twice: listed once
    await anEvidence(db, { marker_id: m31, organisation_id: skolen, date: '2026-02-10' });
    await anEvidence(db, { marker_id: m11, date: '2026-05-05' }); // no institution
    await anEvidence(db, { marker_id: m11, organisation_id: skolen, date: '2025-06-01' }); // before the four quarters
    await anEvidence(db, { organisation_id: skolen, date: '2026-08-01' }); // no marker
    await anEvidence(db, { role_key: 'medbygger', marker_id: await markerId(db, 'medbygger', 1, 1), organisation_id: skolen, date: '2026-08-01' });

    for (const role of ['laeser', 'repraesentant', 'konsulent'] as AppRole[]) {
      const u = await signedIn(app, db, role);
      const res = await u.agent.get('/roles/ressourcedetektor');
      expect(markerMatrix(res.text)).toEqual([
        'Institution | 2026 K1 | 2026 K2 | 2026 K3 | 2026 K4 | Forskellige markører set (niveau 1 / 2 / 3)',
        'Plejecentret i Uldum | – | – | – | 1.1, 2.3 | 1 / 1 / 0',
        'Skolen i Uldum | 3.1 | – | – | – | 0 / 0 / 1',
        'Uden institution | – | 1.1 | – | – | 1 / 0 / 0',
      ]);
      expect(markerMatrix(res.text).join('\n')).not.toContain('Mette');
    }
  });

  it('shows a named person to the konsulent and representatives, never to a reader', async () => {
    const { app, db } = await testApp();
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    const mette = await aPerson(db, { name: 'Mette Holm', organisation_id: pleje });
    await anEvidence(db, { person_id: mette, team: '', organisation_id: pleje, marker_id: await markerId(db, 'ressourcedetektor', 1, 2) });
    for (const role of ['repraesentant', 'konsulent'] as AppRole[]) {
      const u = await signedIn(app, db, role);
      expect((await u.agent.get('/roles/ressourcedetektor')).text).toContain('Mette Holm');
    }
    const l = await signedIn(app, db, 'laeser');
    const page = await l.agent.get('/roles/ressourcedetektor');
    expect(page.text).not.toContain('Mette Holm');
    expect(page.text).toContain('01.10.2026: En medarbejder');
    expect((await l.agent.get(`/roles/ressourcedetektor?person_id=${mette}`)).text).not.toContain('Mette Holm');
  });

  it('is remembered per data version: a new note shows at once', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pleje = await organisationId(db, 'Daginstitutionen i Uldum');
    expect(markerMatrix((await k.agent.get('/roles/netvaerkssmed')).text)).toEqual([]);
    const marker = await markerId(db, 'netvaerkssmed', 2, 1);
    await k.post('/roles/evidence', evidenceForm({ role_key: 'netvaerkssmed', marker_id: String(marker), organisation_id: String(pleje) }));
    expect(markerMatrix((await k.agent.get('/roles/netvaerkssmed')).text)[1]).toBe('Daginstitutionen i Uldum | – | – | – | 2.1 | 0 / 1 / 0');
  });
});
