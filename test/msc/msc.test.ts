// Most Significant Change: a decision item chooses the period's most significant citizen story and
// says why; /historier/mest-betydningsfulde lists the choices over time (the status report's
// section is tested with the report: test/reports).
import { addCitizenStory } from '../../server/initiatives/service';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAgendaItem } from '../helpers/factories';
import { fieldError, fieldValue, selectedValue } from '../helpers/html';
import { anInitiative, SYSTEM } from '../initiatives/helpers';
import { download, expectInOrder, pdfPages, visibleText } from '../exports/fixture';

type Db = TestApp['db'];
const AT = new Date('2026-11-20T10:00:00Z');
const STORY = 'En beboer på plejecentret dækker nu selv bord til morgenmaden – og inviterer sin nabo.';
const REASON = 'Den viser, at fællesskabet flytter noget, tallene ikke fanger.';

async function setting(db: Db) {
  const initiative = await anInitiative(db, { title: 'Fælles morgenmad' });
  const story = await addCitizenStory(db, initiative, { date: '2026-11-02', kerneopgave_key: null, story: STORY }, SYSTEM, AT);
  const meeting = await aMeeting(db, { title: 'Partnerskabsmøde i november', day: '2026-11-25' });
  const item = await anAgendaItem(db, meeting, { kind: 'beslutning', title: 'Månedens mest betydningsfulde historie' });
  return { initiative, story, meeting, item };
}

const itemForm = (over: Record<string, string> = {}) => ({ title: 'Månedens mest betydningsfulde historie', kind: 'beslutning', ...over });

describe('choosing the most significant story on a decision item', () => {
  it('offers the stories on the item form, saves the choice and its reason with an audit row, and lists it', async () => {
    const { app, db } = await testApp();
    const s = await setting(db);
    const k = await signedIn(app, db, 'konsulent');

    const form = await k.agent.get(`/meetings/${s.meeting}/agenda/${s.item}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<legend>Mest betydningsfulde forandring</legend>');
    expect(form.text).toContain(`<option value="${s.story}">02.11.2026 · Fælles morgenmad: En beboer på plejecentret dækker nu selv bord til morgenmaden – og inviterer …</option>`);

    const res = await k.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ msc_story_id: String(s.story), msc_reason: REASON }));
    expect(res.status).toBe(303);
    const row = await db.selectFrom('agenda_items').select(['msc_story_id', 'msc_reason']).where('id', '=', s.item).executeTakeFirstOrThrow();
    expect(row).toEqual({ msc_story_id: s.story, msc_reason: REASON });
    const audit = await auditOf(db, 'agenda_item', s.item);
    expect(audit.at(-1)).toMatchObject({ action: 'update', user_id: k.userId });

    const again = await k.agent.get(`/meetings/${s.meeting}/agenda/${s.item}/edit`);
    expect(selectedValue(again.text, 'msc_story_id')).toBe(String(s.story));

    const reader = await signedIn(app, db, 'laeser');
    const page = await reader.agent.get('/historier/mest-betydningsfulde');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<p>${STORY}</p>`);
    expect(page.text).toContain(`<strong>Hvorfor den blev valgt:</strong> ${REASON}`);
    expect(page.text).toContain(`<a href="/meetings/${s.meeting}#punkt-${s.item}">onsdag 25. november 2026 · Partnerskabsmøde i november</a>`);
    expect(page.text).toContain(`<a href="/initiatives/${s.initiative}">Fælles morgenmad</a>`);
    expect(page.text).toContain('<a href="/historier/mest-betydningsfulde" aria-current="page">Historier</a>');
  });

  it.each([
    ['a story on an item that is not a decision', { kind: 'droeftelse', msc_reason: REASON }, 'msc_story_id', 'Kun et punkt af typen Beslutning kan vælge den mest betydningsfulde historie'],
    ['a story without a reason', { msc_reason: ' ' }, 'msc_reason', 'Skriv, hvorfor netop denne historie blev valgt'],
  ])('refuses %s (422), with the message beside the field and the input kept; saves nothing', async (_what, over, field, message) => {
    const { app, db } = await testApp();
    const s = await setting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ msc_story_id: String(s.story), ...over }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toBe(message);
    expect(selectedValue(res.text, 'msc_story_id')).toBe(String(s.story));
    expect(fieldValue(res.text, 'title')).toBe('Månedens mest betydningsfulde historie');
    const row = await db.selectFrom('agenda_items').select(['kind', 'msc_story_id']).where('id', '=', s.item).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'beslutning', msc_story_id: null });
  });

  it('refuses a reason without a story, and a story that does not exist (422)', async () => {
    const { app, db } = await testApp();
    const s = await setting(db);
    const k = await signedIn(app, db, 'konsulent');
    const noStory = await k.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ msc_reason: REASON }));
    expect(noStory.status).toBe(422);
    expect(fieldError(noStory.text, 'msc_story_id')).toBe('Vælg den historie, begrundelsen handler om');
    const before = await countRows(db, 'audit_log');
    const unknown = await k.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ msc_story_id: '99999', msc_reason: REASON }));
    expect(unknown.status).toBe(422);
    expect(fieldError(unknown.text, 'msc_story_id')).toBe('Vælg en historie fra listen');
    expect(await countRows(db, 'audit_log')).toBe(before);
  });

  it('offers only stories told by the day of the meeting, and refuses a later one (422)', async () => {
    const { app, db } = await testApp();
    const s = await setting(db);
    const later = await addCitizenStory(db, s.initiative, { date: '2026-11-26', kerneopgave_key: null, story: 'En historie fra dagen efter mødet.' }, SYSTEM, AT);
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get(`/meetings/${s.meeting}/agenda/${s.item}/edit`);
    expect(form.text).toContain(`<option value="${s.story}">`);
    expect(form.text).not.toContain('En historie fra dagen efter mødet.');
    const res = await k.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ msc_story_id: String(later), msc_reason: REASON }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'msc_story_id')).toBe('Historien er fra efter mødet. Vælg en historie, der var fortalt inden mødet.');
    expect((await db.selectFrom('agenda_items').select('msc_story_id').where('id', '=', s.item).executeTakeFirstOrThrow()).msc_story_id).toBeNull();
  });

  it('only the konsulent chooses: a representative or reader gets 403', async () => {
    const { app, db } = await testApp();
    const s = await setting(db);
    for (const role of ['repraesentant', 'laeser'] as const) {
      const u = await signedIn(app, db, role);
      const res = await u.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ msc_story_id: String(s.story), msc_reason: REASON }));
      expect(res.status).toBe(403);
    }
    expect((await db.selectFrom('agenda_items').select('msc_story_id').where('id', '=', s.item).executeTakeFirstOrThrow()).msc_story_id).toBeNull();
  });
});

describe('the referat of the meeting that chose', () => {
  it('records the chosen story and the reason under the decision, on the page and in the PDF', async () => {
    const { app, db } = await testApp();
    const s = await setting(db);
    const k = await signedIn(app, db, 'konsulent');
    await k.post(`/meetings/${s.meeting}/agenda/${s.item}`, itemForm({ decision: 'Historien om morgenmaden er valgt.', msc_story_id: String(s.story), msc_reason: REASON }));
    const page = await k.agent.get(`/meetings/${s.meeting}/minutes`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expectInOrder(text, ['Beslutning', 'Historien om morgenmaden er valgt.', 'Valgt som mest betydningsfulde historie', STORY, `Begrundelse: ${REASON}`]);
    const pdf = await download(k.agent, `/meetings/${s.meeting}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    expectInOrder(pdfPages(pdf.body).join('\n'), ['Historien om morgenmaden er valgt.', 'Valgt som mest betydningsfulde historie', 'En beboer på plejecentret dækker nu selv bord', `Begrundelse: ${REASON}`]);
  });
});

describe('/historier/mest-betydningsfulde', () => {
  it('shows the choices newest first; a choice in a closed item only to those who see closed items', async () => {
    const { app, db } = await testApp();
    const s = await setting(db);
    const older = await addCitizenStory(db, s.initiative, { date: '2026-09-01', kerneopgave_key: null, story: 'Historien fra september.' }, SYSTEM, AT);
    const september = await aMeeting(db, { title: 'Møde i september', day: '2026-09-20' });
    await anAgendaItem(db, september, { kind: 'beslutning', title: 'Septembers historie', msc_story_id: older, msc_reason: 'Første valg.' });
    await anAgendaItem(db, s.meeting, { kind: 'beslutning', title: 'Lukket', closed: true, closed_reason: 'personsag', msc_story_id: s.story, msc_reason: 'Hemmelig begrundelse.' });
    await anAgendaItem(db, s.meeting, { kind: 'beslutning', title: 'Åbent valg', msc_story_id: s.story, msc_reason: REASON });

    const rep = await signedIn(app, db, 'repraesentant');
    const all = (await rep.agent.get('/historier/mest-betydningsfulde')).text;
    expect(all).toContain('Hemmelig begrundelse.');
    expect(all.indexOf(REASON)).toBeLessThan(all.indexOf('Første valg.'));

    const reader = await signedIn(app, db, 'laeser');
    const shown = (await reader.agent.get('/historier/mest-betydningsfulde')).text;
    expect(shown).not.toContain('Hemmelig begrundelse.');
    expect(shown).toContain(REASON);
    expect(shown).toContain('Første valg.');
  });

  it('says so when nothing has been chosen, and asks a visitor to sign in', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const res = await reader.agent.get('/historier/mest-betydningsfulde');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Der er endnu ikke valgt nogen historie.');
    const { default: request } = await import('supertest');
    const anonymous = await request(app).get('/historier/mest-betydningsfulde');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });
});
