// An initiative's timeline (sagens gang): every kind of event in date order, filtered by kind, a
// closed item's content and who showed a role only for those who may see them, and the same
// events in the PDF (as pdf.js extracts it) and the DOCX (as Word's paragraphs).
import { addCitizenStory, addEffectMeasure, addMeasurement, addProgressUpdate, changeStatus } from '../../server/initiatives/service';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { aMeeting, anAction, anAgendaItem, aPerson } from '../helpers/factories';
import { aLearning } from '../helpers/register-factories';
import { download, expectInOrder, openDocx, pdfPages } from '../exports/fixture';
import { anInitiative, SYSTEM } from '../initiatives/helpers';
import { anEvidence } from '../roles/helpers';

type Db = TestApp['db'];
const at = (iso: string) => new Date(iso);

/** One event of each kind, on days that interleave them; returns the ids the assertions need. */
async function history(db: Db) {
  const initiative = await anInitiative(db, { title: 'Gåture fra plejecentret' });
  await changeStatus(db, initiative, 'planlagt', 'Planen er godkendt', SYSTEM, at('2026-08-03T08:00:00Z'));
  const meeting = await aMeeting(db, { title: 'Partnerskabsmøde i august', day: '2026-08-20' });
  const item = await anAgendaItem(db, meeting, { kind: 'beslutning', title: 'Start af gåturene', decision: 'Vi starter gåturene 1. september.', initiative_ids: [initiative] });
  await anAgendaItem(db, meeting, { kind: 'beslutning', title: 'Personalesag', decision: 'Fortrolig beslutning om en medarbejder.', closed: true, closed_reason: 'personsag', initiative_ids: [initiative] });
  await anAction(db, meeting, { text: 'Find tre frivillige gangvenner', initiative_id: initiative, due_date: '2026-09-01' }, at('2026-08-20T14:30:00Z')); // written during the meeting
  await changeStatus(db, initiative, 'afproeves', 'Gåturene er i gang', SYSTEM, at('2026-09-01T07:00:00Z'));
  await addProgressUpdate(db, initiative, { date: '2026-09-10', happened: 'Fire beboere gik med hver dag.', effect_seen: 'Flere spiser i fællesstuen.', learning: '' }, SYSTEM, at('2026-09-10T10:00:00Z'));
  const measure = await addEffectMeasure(db, initiative, { indicator: 'Beboere på gåtur', unit: 'beboere', baseline: 0, target: 8 }, SYSTEM, at('2026-08-01T10:00:00Z'));
  await addMeasurement(db, initiative, measure, { date: '2026-09-30', value: 4.5, note: 'Gennemsnit for september' }, SYSTEM, at('2026-09-30T10:00:00Z'));
  await addCitizenStory(db, initiative, { date: '2026-09-15', kerneopgave_key: null, story: 'En beboer går nu selv til postkassen.' }, SYSTEM, at('2026-09-15T10:00:00Z'));
  const helper = await aPerson(db, { name: 'Karen Gangven' });
  await anEvidence(db, { role_key: 'ressourcedetektor', date: '2026-09-05', person_id: helper, initiative_id: initiative, note: 'Så, at naboen gerne ville gå med.' });
  await aLearning(db, { title: 'Faste tider gør det let at gå med', date: '2026-10-01', outcome: 'virkede', initiative_ids: [initiative] });
  return { initiative, meeting, item };
}

/** The page's events as "day | kind | title", in order. */
function eventsShown(html: string): string[] {
  const events: string[] = [];
  let day = '';
  for (const m of html.matchAll(/<li class="timeline__event[^"]*">([\s\S]*?)<\/li>/g)) {
    const d = /<time datetime="([^"]+)">/.exec(m[1]);
    if (d) day = d[1];
    const kind = /<span class="badge">([^<]*)<\/span>/.exec(m[1])![1];
    const title = /<p class="timeline__title">(?:<a [^>]*>)?([^<]*)/.exec(m[1])![1];
    events.push(`${day} | ${kind} | ${title}`);
  }
  return events;
}

const ALL_EVENTS = [
  '2026-08-03 | Statusændring | Idé → Planlagt',
  '2026-08-20 | Møde | Partnerskabsmøde i august, punkt 2',
  '2026-08-20 | Beslutning | Start af gåturene',
  '2026-08-20 | Møde | Partnerskabsmøde i august, punkt 3',
  '2026-08-20 | Beslutning | Personalesag',
  '2026-08-20 | Opfølgningspunkt | Find tre frivillige gangvenner',
  '2026-09-01 | Statusændring | Planlagt → Afprøves',
  '2026-09-05 | Rolle i praksis | Ressourcedetektor',
  '2026-09-10 | Forløb og resultat | Hvad der skete',
  '2026-09-15 | Borgerhistorie | Borgerhistorie',
  '2026-09-30 | Måling | Beboere på gåtur',
  '2026-10-01 | Erfaring | Faste tider gør det let at gå med',
  // The test's initiative was registered on the test clock's day, after the history it was given.
  '2026-11-24 | Statusændring | Oprettet som idé',
];

describe('/initiatives/:id/forloeb', () => {
  it('shows every kind of event in date order, linked to where it happened, for the konsulent', async () => {
    const { app, db } = await testApp();
    const h = await history(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get(`/initiatives/${h.initiative}/forloeb`);
    expect(res.status).toBe(200);
    expect(eventsShown(res.text)).toEqual(ALL_EVENTS);
    expect(res.text).toContain(`<a href="/meetings/${h.meeting}#punkt-${h.item}">Start af gåturene</a>`);
    expect(res.text).toContain('Fortrolig beslutning om en medarbejder.');
    expect(res.text).toContain('Så, at naboen gerne ville gå med.\n(Karen Gangven, Aftenvagten på plejecentret)');
    expect(res.text).toContain('4,5 beboere (mål 8)\nGennemsnit for september');
    expect(res.text).toContain('<p class="text timeline__text">Ingen ansvarlig · frist 01.09.2026 · åben</p>');
    const page = await k.agent.get(`/initiatives/${h.initiative}`);
    expect(page.text).toContain(`<a href="/initiatives/${h.initiative}/forloeb">Sagens gang</a>`);
  });

  it('shows a reader a closed item by its title only and no names of employees', async () => {
    const { app, db } = await testApp();
    const h = await history(db);
    const reader = await signedIn(app, db, 'laeser');
    const res = await reader.agent.get(`/initiatives/${h.initiative}/forloeb`);
    expect(res.status).toBe(200);
    expect(eventsShown(res.text)).toEqual(ALL_EVENTS.filter((e) => e !== '2026-08-20 | Beslutning | Personalesag'));
    expect(res.text).toContain('Personalesag (lukket punkt)');
    expect(res.text).not.toContain('Fortrolig beslutning');
    expect(res.text).not.toContain('Karen Gangven');
    expect(res.text).toContain('Så, at naboen gerne ville gå med.\n(Aftenvagten på plejecentret)');
  });

  it('filters by kind, with a count for each; unknown kinds are ignored, none chosen shows all', async () => {
    const { app, db } = await testApp();
    const h = await history(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get(`/initiatives/${h.initiative}/forloeb?vis=beslutning&vis=historie&vis=hemmelig`);
    expect(res.status).toBe(200);
    expect(eventsShown(res.text)).toEqual(['2026-08-20 | Beslutning | Start af gåturene', '2026-08-20 | Beslutning | Personalesag', '2026-09-15 | Borgerhistorie | Borgerhistorie']);
    expect(res.text).toContain('<input type="checkbox" id="vis-beslutning" name="vis" value="beslutning" checked>');
    expect(res.text).toContain('<input type="checkbox" id="vis-moede" name="vis" value="moede">');
    expect(res.text).toContain('<label for="vis-status">Statusændring (3)</label>');
    expect(res.text).toContain(`href="/initiatives/${h.initiative}/forloeb.pdf?vis=beslutning&amp;vis=historie"`);
    const all = await k.agent.get(`/initiatives/${h.initiative}/forloeb?vis=ukendt`);
    expect(eventsShown(all.text)).toEqual(ALL_EVENTS);
  });

  it('shows an effect update once a representative approved it, not before', async () => {
    const { app, db } = await testApp();
    const h = await history(db);
    const measure = await db.selectFrom('effect_measures').select('id').where('initiative_id', '=', h.initiative).executeTakeFirstOrThrow();
    const k = await signedIn(app, db, 'konsulent');
    const period = `/initiatives/${h.initiative}/effects/${measure.id}/periods/2026-Q3`;
    expect((await k.post(period, { value: '5', narrative: 'Flere går med, når vejret er godt.', intent: 'send' })).status).toBe(303);
    const effects = `/initiatives/${h.initiative}/forloeb?vis=effekt`;
    expect(eventsShown((await k.agent.get(effects)).text)).toEqual([]);
    const rep = await signedIn(app, db, 'repraesentant');
    expect((await rep.post(`${period}/approve`, {})).status).toBe(303);
    const page = await k.agent.get(effects);
    expect(eventsShown(page.text)).toEqual(['2026-11-24 | Effektopfølgning | Beboere på gåtur, 3. kvartal 2026']);
    expect(page.text).toContain('<p class="text timeline__text">5 beboere (mål 8)\nFlere går med, når vejret er godt.</p>');
    expect(page.text).toContain(`<a href="${period}">Beboere på gåtur, 3. kvartal 2026</a>`);
  });

  it('gives the same events as a PDF and a Word document, filtered the same way', async () => {
    const { app, db } = await testApp();
    const h = await history(db);
    const reader = await signedIn(app, db, 'laeser');
    const pdf = await download(reader.agent, `/initiatives/${h.initiative}/forloeb.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="sagens-gang-gaature-fra-plejecentret.pdf"');
    const text = pdfPages(pdf.body).join('\n');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/); // a missing glyph shows as a control character
    expectInOrder(text, ['Sagens gang: Gåture fra plejecentret', '03.08.2026', 'Idé → Planlagt', 'Start af gåturene', 'Vi starter gåturene 1. september.', 'Find tre frivillige gangvenner', 'Ressourcedetektor', 'En beboer går nu selv til postkassen.', 'Faste tider gør det let at gå med']);
    expect(text).not.toContain('Fortrolig');
    expect(text).not.toContain('Karen Gangven');

    const docx = await download(reader.agent, `/initiatives/${h.initiative}/forloeb.docx?vis=erfaring`);
    expect(docx.status).toBe(200);
    const d = await openDocx(docx.body);
    expect(d.paragraphs).toContain('Sagens gang: Gåture fra plejecentret');
    expect(d.paragraphs.some((p) => p.startsWith('Viser: Erfaring · dannet'))).toBe(true);
    expect(d.paragraphs).toContain('Faste tider gør det let at gå med\nVirkede');
    expect(d.paragraphs.join('\n')).not.toContain('Start af gåturene');
  });

  it('answers 404 for an unknown initiative or file type, and sends a visitor to sign in', async () => {
    const { app, db } = await testApp();
    const h = await history(db);
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get('/initiatives/99999/forloeb')).status).toBe(404);
    expect((await k.agent.get(`/initiatives/${h.initiative}/forloeb.exe`)).status).toBe(404);
    const { default: request } = await import('supertest');
    const anonymous = await request(app).get(`/initiatives/${h.initiative}/forloeb`);
    expect(anonymous.status).toBe(303);
  });
});
