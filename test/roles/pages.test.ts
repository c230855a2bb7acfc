// The /roles overview (quarters, the institutions × roles matrix, retired roles) and the role
// page with its filtered, paginated evidence list, as each kind of user sees them.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aPerson, organisationId } from '../helpers/factories';
import { pagerText, relHref } from '../helpers/html';
import { anEvidence } from './helpers';
import { withoutAuditRule } from '../helpers/audit-rule';

/** The cells of the matrix row for an institution, as text. */
function matrixRow(html: string, institution: string): string[] {
  const row = new RegExp(`<tr>\\s*<th scope="row"><a href="/organisations/\\d+">${institution}</a></th>([\\s\\S]*?)</tr>`).exec(html);
  if (!row) throw new Error(`no matrix row for ${institution}`);
  return [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<span class="visually-hidden">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').trim());
}

/** The evidence items' headings on a role page, in order. */
function evidenceHeadings(html: string): string[] {
  return [...html.matchAll(/<li id="observation-\d+" class="evidence">\s*<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);
}

describe('/roles', () => {
  it('shows the roles in their two groups with quarterly counts and the matrix, to every role', async () => {
    const { app, db } = await testApp();
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    await anEvidence(db, { role_key: 'ressourcedetektor', organisation_id: pleje, date: '2026-03-31' });
    await anEvidence(db, { role_key: 'ressourcedetektor', organisation_id: pleje, date: '2026-04-01' });
    await anEvidence(db, { role_key: 'netvaerkssmed', organisation_id: pleje, date: '2026-11-01' });
    for (const role of ['laeser', 'repraesentant', 'konsulent', 'admin'] as const) {
      const u = await signedIn(app, db, role);
      const res = await u.agent.get('/roles');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<h2 id="kind-medarbejder">Medarbejder med vilje<\/h2>[\s\S]*<h2 id="kind-leder">Leder på kanten<\/h2>/);
    }
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/roles');
    expect(res.text).toMatch(/<div class="table-scroll" role="region" tabindex="0" aria-labelledby="quarters-ressourcedetektor-caption">\s*<table[^>]*>\s*<caption id="quarters-ressourcedetektor-caption">Observationer af Ressourcedetektor pr\. kvartal<\/caption>/);
    expect(res.text).toMatch(/<th scope="col">2025 K1<\/th>[\s\S]*<th scope="col">2026 K4<\/th><th scope="col">I alt<\/th>/);
    expect(res.text).toMatch(/Observationer af Ressourcedetektor pr\. kvartal[\s\S]*?<tbody>\s*<tr><td>0<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>2<\/td><\/tr>/);
    expect(res.text).toContain('<caption>Rolleobservationer pr. institution og rolle (hele perioden)</caption>');
    expect(matrixRow(res.text, 'Plejecentret i Uldum')).toEqual(['2', 'ikke endnu', 'ikke endnu', 'ikke endnu', 'ikke endnu', 'ikke endnu', '1', 'ikke endnu']);
    expect(matrixRow(res.text, 'Skolen i Uldum')).toEqual(Array(8).fill('ikke endnu'));
    expect(res.text).toContain(`<a href="/roles/ressourcedetektor?organisation_id=${pleje}">2<span class="visually-hidden"> observationer af Ressourcedetektor i Plejecentret i Uldum</span></a>`);
    expect(res.text).not.toContain('href="/roles/new"');
    expect(res.text).not.toContain('Registrér rolleobservation');
  });

  it('shows retired roles separately at the bottom with their kept evidence', async () => {
    const { app, db } = await testApp();
    await anEvidence(db, { role_key: 'effektjaeger' });
    await withoutAuditRule(db, () => db.updateTable('roles').set({ retired: 1 }).where('key', '=', 'effektjaeger').execute());
    const a = await signedIn(app, db, 'admin');
    const res = await a.agent.get('/roles');
    const [active, retired] = res.text.split('<h2 id="retired-heading">Udgåede roller</h2>');
    expect(active).not.toContain('Effektjæger');
    expect(retired).toContain('<a href="/roles/effektjaeger">Effektjæger</a> <span class="badge">Udgået rolle</span>');
    expect(retired).toContain('Leder på kanten · 1 observation');
    expect(res.text).toContain('href="/roles/new"');
  });
});

describe('/roles/:key', () => {
  it('shows the description and the evidence newest first, paginated by 25', async () => {
    const { app, db } = await testApp();
    for (let i = 1; i <= 27; i++) await anEvidence(db, { role_key: 'medbygger', date: `2026-10-${String(i).padStart(2, '0')}`, team: `Team ${i}` });
    await anEvidence(db, { role_key: 'udforsker', team: 'Anden rolle' });
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/roles/medbygger');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Skaber løsninger sammen med borgeren');
    expect(evidenceHeadings(res.text).slice(0, 2)).toEqual(['27.10.2026: Team 27', '26.10.2026: Team 26']);
    expect(evidenceHeadings(res.text)).toHaveLength(25);
    expect(pagerText(res.text)).toBe('Viser 1–25 af 27 · side 1 af 2');
    const next = await l.agent.get(relHref(res.text, 'next')!);
    expect(evidenceHeadings(next.text)).toEqual(['02.10.2026: Team 2', '01.10.2026: Team 1']);
    expect(res.text).not.toContain('Anden rolle');
    expect(res.text).not.toContain('/roles/evidence/');
  });

  it('filters by person, institution and period', async () => {
    const { app, db } = await testApp();
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const mette = await aPerson(db, { name: 'Mette Holm', organisation_id: pleje });
    const lars = await aPerson(db, { name: 'Lars Mikkelsen', organisation_id: skolen });
    await anEvidence(db, { role_key: 'oversaetter', person_id: mette, team: '', organisation_id: pleje, date: '2026-02-01' });
    await anEvidence(db, { role_key: 'oversaetter', person_id: mette, team: '', organisation_id: pleje, date: '2026-06-01' });
    await anEvidence(db, { role_key: 'oversaetter', person_id: lars, team: '', organisation_id: skolen, date: '2026-06-15' });
    const k = await signedIn(app, db, 'konsulent');
    const byPerson = await k.agent.get('/roles/oversaetter').query({ person_id: String(mette) });
    expect(evidenceHeadings(byPerson.text)).toEqual(['01.06.2026: Mette Holm', '01.02.2026: Mette Holm']);
    expect(byPerson.text).toContain(`<input type="hidden" name="person_id" value="${mette}">`);
    expect(byPerson.text).toContain('Kun observationer af <strong>Mette Holm</strong>');
    // By part of the name, case and æøå as typed by a person: the text field.
    const byName = await k.agent.get('/roles/oversaetter').query({ person_q: 'HOLM' });
    expect(evidenceHeadings(byName.text)).toEqual(['01.06.2026: Mette Holm', '01.02.2026: Mette Holm']);
    expect(byName.text).toContain('name="person_q" value="HOLM"');
    const byOtherName = await k.agent.get('/roles/oversaetter').query({ person_q: 'mikkel' });
    expect(evidenceHeadings(byOtherName.text)).toEqual(['15.06.2026: Lars Mikkelsen']);
    const nobody = await k.agent.get('/roles/oversaetter').query({ person_q: 'Ærø' });
    expect(nobody.text).toContain('Ingen observationer matcher filteret.');
    const byInstitution = await k.agent.get('/roles/oversaetter').query({ organisation_id: String(skolen) });
    expect(evidenceHeadings(byInstitution.text)).toEqual(['15.06.2026: Lars Mikkelsen']);
    const byPeriod = await k.agent.get('/roles/oversaetter').query({ from: '2026-05-01', to: '2026-06-01' });
    expect(evidenceHeadings(byPeriod.text)).toEqual(['01.06.2026: Mette Holm']);
    const none = await k.agent.get('/roles/oversaetter').query({ person_id: String(lars), from: '2026-07-01', to: 'ikke-en-dato' });
    expect(none.text).toContain('Ingen observationer matcher filteret.');
    // A page link keeps the filter.
    for (let i = 0; i < 26; i++) await anEvidence(db, { role_key: 'oversaetter', person_id: lars, team: '', date: '2026-07-01' });
    const paged = await k.agent.get('/roles/oversaetter').query({ person_id: String(lars) });
    expect(relHref(paged.text, 'next')).toBe(`/roles/oversaetter?person_id=${lars}&page=2`);
    const pagedByName = await k.agent.get('/roles/oversaetter').query({ person_q: 'Lars' });
    expect(relHref(pagedByName.text, 'next')).toBe('/roles/oversaetter?person_q=Lars&page=2');
  });

  it('shows each item with its links, and edit and delete only to those who may', async () => {
    const { app, db } = await testApp();
    const writer = await aPerson(db, { name: 'Konsulent Kirsten' });
    const id = await anEvidence(db, { role_key: 'medbygger', team: 'Dagholdet' }, writer);
    const r = await signedIn(app, db, 'repraesentant');
    const asRep = await r.agent.get('/roles/medbygger');
    expect(asRep.text).toContain('<dt>Registreret af</dt><dd>Konsulent Kirsten, 24.11.2026 11.00</dd>');
    expect(asRep.text).not.toContain(`/roles/evidence/${id}/edit`);
    const k = await signedIn(app, db, 'konsulent');
    const asKonsulent = await k.agent.get('/roles/medbygger');
    expect(asKonsulent.text).toContain(`href="/roles/evidence/${id}/edit?return=%2Froles%2Fmedbygger"`);
    expect(asKonsulent.text).toContain(`href="/roles/evidence/${id}/delete?return=%2Froles%2Fmedbygger"`);
    expect(asKonsulent.text).toContain('href="/roles/evidence/new?return=%2Froles%2Fmedbygger&amp;role_key=medbygger"');
  });

  it('still works for a retired role and says so', async () => {
    const { app, db } = await testApp();
    await anEvidence(db, { role_key: 'udforsker', team: 'Ledergruppen' });
    await withoutAuditRule(db, () => db.updateTable('roles').set({ retired: 1 }).where('key', '=', 'udforsker').execute());
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get('/roles/udforsker');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<span class="badge">Udgået rolle</span>');
    expect(res.text).toContain('Ledergruppen');
    expect(res.text).not.toContain('Registrér rolleobservation');
  });

  it('answers 404 for an unknown role', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    expect((await l.agent.get('/roles/findes-ikke')).status).toBe(404);
    expect((await l.agent.get('/roles/evidence')).status).toBe(404);
    expect((await l.agent.get('/roles/findes-ikke/edit')).status).toBe(403); // the guard answers first
    const a = await signedIn(app, db, 'admin');
    expect((await a.agent.get('/roles/findes-ikke/edit')).status).toBe(404);
  });
});
