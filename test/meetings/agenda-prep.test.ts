// The meeting before it starts: an item's indstilling, presenter and time (with start times and a
// warning when the items run past the meeting's end), the decision phrases (also without
// JavaScript), "Udsend dagsorden" and the revised agenda, the agenda as files, and the deadlines.
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aMeeting, anAgendaItem, aUser, personId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';
import { download, expectInOrder, pdfPages, visibleText, wordParagraphs } from '../exports/fixture';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { markHeld } from '../../server/meetings/service';
import { approveMinutes, sendForApproval } from '../../server/meetings/minutes';
import { file, postMultipart } from '../attachments/multipart';
import * as files from '../attachments/files';
import { withoutAuditRule } from '../helpers/audit-rule';

const item = (over: Record<string, string> = {}) => ({ title: 'Budget 2027', kind: 'beslutning', background: 'Budgettet for det næste år.', proposal: '', discussion: '', decision: '', presenter_id: '', duration_minutes: '', ...over });

describe('an agenda item before the meeting', () => {
  it('keeps indstilling, presenter and minutes; the page shows start times from the meeting start', async () => {
    const t = await testApp();
    const meeting = await aMeeting(t.db, { day: '2026-12-08', start_time: '14:00', end_time: '16:00', title: 'Decembermødet' });
    const k = await signedIn(t.app, t.db, 'konsulent');
    const hanne = await personId(t.db, 'Hanne M. Petersen');
    const first = await k.post(`/meetings/${meeting}/agenda`, item({ proposal: 'Konsulenten indstiller, at budgettet godkendes.', presenter_id: String(hanne), duration_minutes: '20' }));
    expect(first.status).toBe(303);
    await k.post(`/meetings/${meeting}/agenda`, item({ title: 'Frivillige', kind: 'droeftelse', duration_minutes: '30' }));
    const row = await t.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meeting).where('title', '=', 'Budget 2027').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ proposal: 'Konsulenten indstiller, at budgettet godkendes.', presenter_id: hanne, duration_minutes: 20, postponed: 0 });
    const page = unescapeHtml((await k.agent.get(`/meetings/${meeting}`)).text);
    expect(page).toContain('Kl. 14.00–14.20 · Fremlægges af Hanne M. Petersen');
    expect(page).toContain('Kl. 14.20–14.50');
    expect(page).toMatch(/<h4>Indstilling<\/h4><p class="text">Konsulenten indstiller, at budgettet godkendes\.<\/p>/);
    expect(page).not.toContain('efter mødets slut');
  });

  it('warns when the timed items run past the meeting’s end', async () => {
    const t = await testApp();
    const meeting = await aMeeting(t.db, { day: '2026-12-08', start_time: '14:00', end_time: '16:00' });
    for (const title of ['Et', 'To', 'Tre']) await anAgendaItem(t.db, meeting, { title, duration_minutes: 60 });
    const k = await signedIn(t.app, t.db, 'konsulent');
    expect(unescapeHtml((await k.agent.get(`/meetings/${meeting}`)).text)).toContain('Punkterne varer til kl. 17.00 – 60 minutter efter mødets slut kl. 16.00.');
  });

  it('refuses minutes that are not a whole number and a presenter who does not exist (422, nothing saved)', async () => {
    const t = await testApp();
    const meeting = await aMeeting(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const before = await countRows(t.db, 'agenda_items');
    const bad = await k.post(`/meetings/${meeting}/agenda`, item({ duration_minutes: 'en halv time' }));
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'duration_minutes')).toBe('Skriv antal minutter som et helt tal, fx 20');
    expect(fieldValue(bad.text, 'title')).toBe('Budget 2027');
    const ghost = await k.post(`/meetings/${meeting}/agenda`, item({ presenter_id: '999999' }));
    expect(ghost.status).toBe(422);
    expect(fieldError(ghost.text, 'presenter_id')).toBe('Vælg en person fra listen');
    expect(await countRows(t.db, 'agenda_items')).toBe(before);
  });
});

describe('decision phrases', () => {
  it('fill the decision field and show the form again without saving (no JavaScript needed); "Udsat" ticks postponed', async () => {
    const t = await testApp();
    const meeting = await aMeeting(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const form = await k.agent.get(`/meetings/${meeting}/agenda/new`);
    for (const phrase of ['Godkendt', 'Godkendt med de faldne bemærkninger', 'Taget til efterretning', 'Drøftet', 'Udsat', 'Ikke godkendt']) {
      expect(form.text).toContain(`<button type="submit" name="phrase" value="${phrase}"`);
    }
    const before = await countRows(t.db, 'agenda_items');
    const res = await k.post(`/meetings/${meeting}/agenda`, { ...item(), phrase: 'Godkendt med de faldne bemærkninger' });
    expect(res.status).toBe(200);
    expect(unescapeHtml(/<textarea id="f-decision"[^>]*>([^<]*)<\/textarea>/.exec(res.text)![1])).toBe('Godkendt med de faldne bemærkninger');
    expect(fieldValue(res.text, 'title')).toBe('Budget 2027');
    expect(await countRows(t.db, 'agenda_items')).toBe(before);

    const typed = await k.post(`/meetings/${meeting}/agenda`, { ...item({ decision: 'Budgettet drøftes igen i marts.' }), phrase: 'Udsat' });
    expect(unescapeHtml(/<textarea id="f-decision"[^>]*>([^<]*)<\/textarea>/.exec(typed.text)![1])).toBe('Udsat\nBudgettet drøftes igen i marts.');
    expect(typed.text).toMatch(/id="f-postponed" name="postponed" value="on"[^>]* checked/);

    const tampered = await k.post(`/meetings/${meeting}/agenda`, { ...item(), phrase: 'Vedtaget ved akklamation' });
    expect(tampered.status).toBe(422);
    expect(await countRows(t.db, 'agenda_items')).toBe(before);
  });
});

async function releasedMeeting() {
  const t = await testApp();
  const meeting = await aMeeting(t.db, { title: 'Januarmødet på Ærø', day: '2027-01-14', start_time: '14:00', end_time: '16:00', place: 'Uldum Skole', participant_ids: [await personId(t.db, 'Hanne M. Petersen')] });
  const budget = await anAgendaItem(t.db, meeting, {
    title: 'Budget 2027',
    kind: 'beslutning',
    background: 'Sagsfremstilling om budgettet.',
    proposal: 'Konsulenten indstiller, at budgettet godkendes.',
    discussion: 'HEMMELIG DRØFTELSE',
    decision: 'HEMMELIG BESLUTNING',
    duration_minutes: 30,
  });
  const k = await signedIn(t.app, t.db, 'konsulent');
  return { ...t, meeting, budget, k };
}

describe('Udsend dagsorden', () => {
  it('releases the agenda with a time stamp; a later change marks it "Revideret dagsorden" with the time', async () => {
    const { db, app, meeting, budget, k, clock } = await releasedMeeting();
    const draft = pdfPages((await download(k.agent, `/meetings/${meeting}/agenda.pdf`)).body).join('\n');
    expect(draft).toContain('UDKAST – dagsordenen er ikke udsendt');

    const res = await k.post(`/meetings/${meeting}/agenda/release`);
    expect(res.status).toBe(303);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual(['Dagsordenen er udsendt.', '1 af 1 modtagere har ingen e-mailadresse og får ikke besked: Hanne M. Petersen.']);
    const released = await db.selectFrom('meetings').select(['agenda_released_at', 'agenda_revised_at']).where('id', '=', meeting).executeTakeFirstOrThrow();
    expect(released).toEqual({ agenda_released_at: clock.now().toISOString(), agenda_revised_at: null });
    const sent = pdfPages((await download(k.agent, `/meetings/${meeting}/agenda.pdf`)).body).join('\n');
    expect(sent).not.toContain('UDKAST');
    expect(sent).toContain('Dagsorden: Januarmødet på Ærø');

    // Twice: said, nothing changes.
    await k.post(`/meetings/${meeting}/agenda/release`);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual(['Dagsordenen er allerede udsendt. Ændringer markerer den som revideret.']);

    await k.post(`/meetings/${meeting}/agenda/${budget}`, item({ title: 'Budget 2027 (revideret)', kind: 'beslutning', background: 'Ny sagsfremstilling.' }));
    const revised = await db.selectFrom('meetings').select('agenda_revised_at').where('id', '=', meeting).executeTakeFirstOrThrow();
    expect(revised.agenda_revised_at).toBe(clock.now().toISOString());
    const text = pdfPages((await download(k.agent, `/meetings/${meeting}/agenda.pdf`)).body).join('\n');
    expect(text).toContain('Revideret dagsorden: Januarmødet på Ærø');
    expect(text).toContain('Revideret dagsorden tirsdag 24. november 2026 kl. 11.00: ændret efter');
    expect((await k.agent.get(`/meetings/${meeting}`)).text).toContain('revideret tirsdag 24. november 2026 kl. 11.00');
    void app;
  });

  it('marks the agenda revised when a bilag is added or removed after it was released, not before', async () => {
    const { db, meeting, k } = await releasedMeeting();
    const revisedAt = async () => (await db.selectFrom('meetings').select('agenda_revised_at').where('id', '=', meeting).executeTakeFirstOrThrow()).agenda_revised_at;
    const upload = () => postMultipart(k.agent, `/meetings/${meeting}/bilag`, [file('plan.pdf', files.pdf('Plan'))], k.csrf);
    expect((await upload()).status).toBe(303); // before release: the agenda is still a draft
    expect(await revisedAt()).toBeNull();

    await k.post(`/meetings/${meeting}/agenda/release`);
    expect((await upload()).status).toBe(303);
    expect(await revisedAt()).not.toBeNull();
    expect(pdfPages((await download(k.agent, `/meetings/${meeting}/agenda.pdf`)).body).join('\n')).toContain('Revideret dagsorden: Januarmødet på Ærø');

    await withoutAuditRule(db, () => db.updateTable('meetings').set({ agenda_revised_at: null }).where('id', '=', meeting).execute());
    const bilag = await db.selectFrom('attachments').select('id').where('meeting_id', '=', meeting).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((await k.post(`/meetings/${meeting}/bilag/${bilag.id}/delete`)).status).toBe(303);
    expect(await revisedAt()).not.toBeNull();
  });

  it('is for the konsulent of a planned meeting only', async () => {
    const { db, app, meeting } = await releasedMeeting();
    const rep = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    expect((await rep.post(`/meetings/${meeting}/agenda/release`)).status).toBe(403);
    const k = await signedIn(app, db, 'konsulent');
    await markHeld(db, meeting, SYSTEM_ACTOR, new Date('2026-11-24T10:00:00Z'));
    await k.post(`/meetings/${meeting}/agenda/release`);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual(['Kun dagsordenen til et planlagt møde kan udsendes.']);
    expect((await db.selectFrom('meetings').select('agenda_released_at').where('id', '=', meeting).executeTakeFirstOrThrow()).agenda_released_at).toBeNull();
    expect((await k.post('/meetings/999999/agenda/release')).status).toBe(404);
  });
});

describe('the agenda as files', () => {
  const inOrder = ['Dagsorden: Januarmødet på Ærø', 'Uldum Skole', 'Inviterede', 'Hanne M. Petersen (FOA)', 'Budget 2027 (Beslutning)', 'Kl. 14.00–14.30', 'Sagsfremstilling', 'Sagsfremstilling om budgettet.', 'Indstilling', 'Konsulenten indstiller, at budgettet godkendes.'];

  it('holds title, time, place, invitees and each item with type, time, sagsfremstilling and indstilling — never discussion or decision — in PDF, DOCX, Markdown and print', async () => {
    const { db, app, meeting } = await releasedMeeting();
    const reader = await signedIn(app, db, 'laeser');
    const pdf = await download(reader.agent, `/meetings/${meeting}/agenda.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="dagsorden-2027-01-14-januarmoedet-paa-aeroe.pdf"');
    const texts = {
      pdf: pdfPages(pdf.body).join('\n'),
      docx: wordParagraphs(await (await JSZip.loadAsync((await download(reader.agent, `/meetings/${meeting}/agenda.docx`)).body)).file('word/document.xml')!.async('string')).join('\n'),
      md: visibleText(new MarkdownIt().render((await download(reader.agent, `/meetings/${meeting}/agenda.md`)).body.toString('utf8'))),
      print: visibleText((await reader.agent.get(`/meetings/${meeting}/agenda/print`)).text),
    };
    for (const [format, text] of Object.entries(texts)) {
      expectInOrder(text, inOrder);
      expect([format, text.includes('HEMMELIG')]).toEqual([format, false]);
    }
  });

  it('answers 404 for an unknown meeting', async () => {
    const { db, app } = await releasedMeeting();
    const reader = await signedIn(app, db, 'laeser');
    for (const suffix of ['agenda.pdf', 'agenda.docx', 'agenda.md', 'agenda/print', 'agenda/samlet.pdf']) expect((await reader.agent.get(`/meetings/999999/${suffix}`)).status).toBe(404);
  });
});

describe('the referat with indstilling', () => {
  it('puts the decision directly under the indstilling', async () => {
    const { db, app, meeting } = await releasedMeeting();
    const reader = await signedIn(app, db, 'laeser');
    const md = (await download(reader.agent, `/meetings/${meeting}/minutes.md`)).body.toString('utf8');
    expect(md).toMatch(/\*\*Indstilling:\*\*\n\nKonsulenten indstiller, at budgettet godkendes\.\n\n\*\*Beslutning:\*\*\n\nHEMMELIG BESLUTNING/);
  });
});

describe('deadlines on the overview', () => {
  it('warn the konsulent of an agenda due within two days, draft minutes and an approval overdue; not a representative', async () => {
    const t = await testApp({ now: '2026-11-24T10:00:00.000Z' });
    const soon = await aMeeting(t.db, { title: 'Snart møde', day: '2026-11-30', start_time: '14:00', end_time: '15:00' }); // agenda due 25.11
    const later = await aMeeting(t.db, { title: 'Senere møde', day: '2026-12-20' }); // not yet
    const held = await aMeeting(t.db, { title: 'Holdt møde', day: '2026-11-10', start_time: '14:00', end_time: '15:00' });
    await markHeld(t.db, held, SYSTEM_ACTOR, new Date('2026-11-10T15:00:00Z')); // minutes due 17.11: missed
    const sent = await aMeeting(t.db, { title: 'Sendt møde', day: '2026-11-05' });
    await markHeld(t.db, sent, SYSTEM_ACTOR, new Date('2026-11-05T15:00:00Z'));
    await sendForApproval(t.db, sent, SYSTEM_ACTOR, new Date('2026-11-06T09:00:00Z')); // approval due 13.11: missed
    await approveMinutes(t.db, sent, await aUser(t.db, 'repraesentant', 'Hanne M. Petersen'), new Date('2026-11-07T09:00:00Z'));
    void later;
    const k = await signedIn(t.app, t.db, 'konsulent');
    const page = unescapeHtml((await k.agent.get('/')).text);
    const section = /<section aria-labelledby="deadlines-heading"[\s\S]*?<\/section>/.exec(page)![0];
    const lines = [...section.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
    expect(lines).toEqual([
      'Referatet skal være godkendt for Sendt møde fristen var 13.11.2026',
      'Send referatet til godkendelse for Holdt møde fristen var 17.11.2026',
      'Udsend dagsordenen til Snart møde senest 25.11.2026',
    ]);
    void soon;
    const rep = await signedIn(t.app, t.db, 'repraesentant', { personName: 'René G. Nielsen' });
    expect((await rep.agent.get('/')).text).not.toContain('deadlines-heading');
  });
});
