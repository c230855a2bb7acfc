// Proposals for the agenda through HTTP: a representative proposes an item (with a bilag) for a
// meeting or "næste møde"; the konsulent sees it on the list, the meeting page and the overview,
// and takes it into the agenda (text and bilag carried over, the proposer named on the item) or
// declines it with a reason the proposer sees. Refusals are 422 with nothing stored; a læser sees
// nothing of proposals; other roles 403; unknown ids 404; every decision audited.
import { testApp, type TestApp } from '../helpers/app';
import { signedIn, type SignedIn } from '../helpers/agent';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, aMeetingAwaitingApproval, anAgendaItem } from '../helpers/factories';
import { fieldError, flashes, unescapeHtml } from '../helpers/html';
import { field, file, postMultipart, type Part } from '../attachments/multipart';
import * as files from '../attachments/files';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import { download, expectInOrder, pdfPages, visibleText, wordParagraphs } from '../exports/fixture';

let t: TestApp;
let hanne: SignedIn;
let konsulent: SignedIn;
let meetingId: number;

beforeEach(async () => {
  t = await testApp();
  hanne = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
  konsulent = await signedIn(t.app, t.db, 'konsulent');
  meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde december', day: '2026-12-08' });
});

const text = (html: string) => unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

async function stored() {
  return [await countRows(t.db, 'proposals'), await countRows(t.db, 'attachments'), await countRows(t.db, 'attachment_chunks')];
}

function propose(parts: Part[], who: SignedIn = hanne) {
  return postMultipart(who.agent, '/proposals', parts, who.csrf);
}

const aProposal = (target = `meeting:${meetingId}`, extra: Part[] = []) => [
  field('title', 'Frivillige i plejecentrets have'),
  field('background', 'Vi har fået tilbud fra haveforeningen.\nSkal vi sige ja?'),
  field('kind', 'beslutning'),
  field('target', target),
  ...extra,
];

async function proposalId(): Promise<number> {
  return (await t.db.selectFrom('proposals').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
}

describe('proposing an agenda item', () => {
  it('offers the planned meetings and "næste møde", and saves the proposal with its bilag, audited', async () => {
    const form = await hanne.agent.get(`/proposals/new?meeting_id=${meetingId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    expect(form.text).toMatch(/<option value="next:\d+">Næste møde \(/);
    expect(form.text).toMatch(new RegExp(`<option value="meeting:${meetingId}" selected>Partnerskabsmøde december, `));

    const res = await propose(aProposal(`meeting:${meetingId}`, [file('Havens budget.pdf', files.pdf())]));
    expect(res.status).toBe(303);
    const id = await proposalId();
    expect(res.headers.location).toBe(`/proposals/${id}`);
    const row = await t.db.selectFrom('proposals').selectAll().executeTakeFirstOrThrow();
    expect([row.meeting_id, row.title, row.kind, row.status, row.proposed_by]).toEqual([meetingId, 'Frivillige i plejecentrets have', 'beslutning', 'aaben', hanne.personId]);
    const bilag = await t.db.selectFrom('attachments').selectAll().executeTakeFirstOrThrow();
    expect([bilag.proposal_id, bilag.meeting_id, bilag.agenda_item_id, bilag.title]).toEqual([id, meetingId, null, 'Havens budget']);
    expect((await auditOf(t.db, 'proposal', id)).map((a) => [a.action, a.user_id])).toEqual([['create', hanne.userId]]);
    expect((await auditOf(t.db, 'attachment')).map((a) => a.action)).toEqual(['create']);

    const page = await hanne.agent.get(`/proposals/${id}`);
    expect(flashes(page.text)).toContain('Tak for forslaget. Konsulenten ser det og tager stilling til det.');
    expect(text(page.text)).toContain('Status Afventer konsulenten');
    expect(page.text).toContain(`href="/bilag/${bilag.id}"`);
    // not on the meeting's page until it is accepted
    expect((await konsulent.agent.get(`/meetings/${meetingId}`)).text).not.toContain(`href="/bilag/${bilag.id}"`);
  });

  it('takes a proposal for "næste møde" without bilag', async () => {
    const { id: partnership } = await t.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
    expect((await propose(aProposal(`next:${partnership}`))).status).toBe(303);
    const row = await t.db.selectFrom('proposals').selectAll().executeTakeFirstOrThrow();
    expect([row.meeting_id, row.partnership_id]).toEqual([null, partnership]);
  });

  const without = (name: string, parts: Part[]) => parts.filter((p) => !('field' in p && p.field === name));
  const pdfBilag = file('budget.pdf', files.pdf()); // a good bilag, so nothing stored means none of it
  it.each<[string, () => Part[], string, RegExp]>([
    ['no title', () => [...without('title', aProposal()), pdfBilag], 'title', /Skriv en overskrift/],
    ['no meeting', () => [...aProposal(''), pdfBilag], 'target', /Vælg et møde/],
    ['an unknown meeting', () => [...aProposal('meeting:9999'), pdfBilag], 'target', /Vælg et planlagt møde/],
    ['a wrong type', () => [...without('kind', aProposal()), field('kind', 'hemmelig'), pdfBilag], 'kind', /orientering, drøftelse eller beslutning/],
    ['an HTML bilag', () => [...aProposal(), pdfBilag, file('side.html', files.html())], 'filer', /webside/],
    ['a title over 300 characters', () => [...without('title', aProposal()), field('title', 'x'.repeat(301)), pdfBilag], 'title', /Højst 300 tegn/],
  ])('refuses %s with 422, keeps the input and stores nothing', async (_what, parts, fieldName, message) => {
    const res = await propose(parts());
    expect(res.status).toBe(422);
    expect(fieldError(res.text, fieldName) ?? '').toMatch(message);
    expect(unescapeHtml(res.text)).toContain('Vi har fået tilbud fra haveforeningen.');
    expect(await stored()).toEqual([0, 0, 0]);
  });

  it('refuses a meeting that is no longer planned', async () => {
    const { cancelMeeting } = await import('../../server/meetings/service');
    await cancelMeeting(t.db, meetingId, 'Aflyst', { userId: null }, new Date('2026-11-20T10:00:00Z'));
    const res = await propose(aProposal());
    expect(res.status).toBe(422);
    expect(await stored()).toEqual([0, 0, 0]);
  });
});

describe('who sees and does what', () => {
  it('a læser sees nothing of proposals', async () => {
    await propose(aProposal(undefined, [file('budget.pdf', files.pdf())]));
    const id = await proposalId();
    const bilag = (await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow()).id;
    const laeser = await signedIn(t.app, t.db, 'laeser');
    for (const url of ['/proposals', '/proposals/new', `/proposals/${id}`, `/bilag/${bilag}`]) expect([url, (await laeser.agent.get(url)).status]).toEqual([url, 403]);
    expect((await laeser.post(`/proposals/${id}/decline`, { decline_reason: 'Nej' })).status).toBe(403);
    expect((await laeser.post(`/proposals/${id}/accept`, { meeting_id: String(meetingId) })).status).toBe(403);
    expect(text((await laeser.agent.get('/')).text)).not.toContain('Forslag til dagsordenen');
    expect(text((await laeser.agent.get(`/meetings/${meetingId}`)).text)).not.toContain('Foreslå');
  });

  it('a representative proposes and sees only their own; the konsulent does not propose', async () => {
    await propose(aProposal(undefined, [file('budget.pdf', files.pdf())]));
    const id = await proposalId();
    const bilag = (await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow()).id;
    const other = await signedIn(t.app, t.db, 'repraesentant');
    expect((await other.agent.get(`/proposals/${id}`)).status).toBe(403);
    expect((await other.agent.get(`/bilag/${bilag}`)).status).toBe(403);
    expect((await other.agent.get('/proposals')).text).not.toContain('Frivillige i plejecentrets have');
    expect((await other.post(`/proposals/${id}/decline`, { decline_reason: 'Nej' })).status).toBe(403);
    expect((await hanne.post(`/proposals/${id}/accept`, { meeting_id: String(meetingId) })).status).toBe(403);
    expect((await hanne.agent.get(`/bilag/${bilag}`)).status).toBe(200);
    expect((await konsulent.agent.get(`/bilag/${bilag}`)).status).toBe(200);
    expect((await konsulent.agent.get('/proposals/new')).status).toBe(403);
    expect((await propose(aProposal(), konsulent)).status).toBe(403);
    expect(await countRows(t.db, 'proposals')).toBe(1);
  });

  it('is 404 for unknown proposals', async () => {
    expect((await konsulent.agent.get('/proposals/999')).status).toBe(404);
    expect((await konsulent.agent.get('/proposals/01')).status).toBe(404);
    expect((await konsulent.post('/proposals/999/accept', { meeting_id: String(meetingId) })).status).toBe(404);
    expect((await konsulent.post('/proposals/999/decline', { decline_reason: 'Nej' })).status).toBe(404);
  });

  it('needs the CSRF token for a proposal (403, nothing stored)', async () => {
    expect((await postMultipart(hanne.agent, '/proposals', aProposal(), null)).status).toBe(403);
    expect(await stored()).toEqual([0, 0, 0]);
  });
});

describe('the konsulent sees open proposals', () => {
  it('on /proposals, on the meeting page (for that meeting and "næste møde") and on the overview, live', async () => {
    const { id: partnership } = await t.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
    const other = await aMeeting(t.db, { title: 'Januarmødet', day: '2027-01-12' });
    await propose(aProposal());
    await propose([field('title', 'Næste gang: kaffe'), field('kind', 'orientering'), field('target', `next:${partnership}`)]);
    await propose([field('title', 'Kun til januar'), field('kind', 'droeftelse'), field('target', `meeting:${other}`)]);

    const list = text((await konsulent.agent.get('/proposals')).text);
    expect(list).toContain('Åbne forslag (3)');
    expect(list).toMatch(/Frivillige i plejecentrets have Hanne M\. Petersen \(FOA\) Partnerskabsmøde december/);

    const page = text((await konsulent.agent.get(`/meetings/${meetingId}`)).text);
    expect(page).toContain('Forslag til dagsordenen (2)');
    expect(page).toContain('Frivillige i plejecentrets have · Hanne M. Petersen (FOA) · til dette møde');
    expect(page).toContain('Næste gang: kaffe · Hanne M. Petersen (FOA) · til næste møde');
    expect(page).not.toContain('Kun til januar');

    const overview = text((await konsulent.agent.get('/')).text);
    expect(overview).toContain('3 forslag venter på at blive optaget eller afvist');
    await konsulent.post(`/proposals/${await proposalId()}/decline`, { decline_reason: 'Ikke nu' });
    expect(text((await konsulent.agent.get('/')).text)).toContain('2 forslag venter');
  });
});

describe('accepting a proposal', () => {
  it('adds it last on the agenda with its text, type and bilag, names the proposer, and shows the proposer its status', async () => {
    await anAgendaItem(t.db, meetingId, { title: 'Eventuelt' });
    const bytes = files.pdf('Havens budget');
    await propose(aProposal(undefined, [file('Havens budget.pdf', bytes)]));
    const id = await proposalId();
    const before = await t.db.selectFrom('attachments').selectAll().executeTakeFirstOrThrow();

    const res = await konsulent.post(`/proposals/${id}/accept`, { meeting_id: String(meetingId) });
    expect(res.status).toBe(303);
    const item = await t.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position', 'desc').executeTakeFirstOrThrow();
    expect(res.headers.location).toBe(`/meetings/${meetingId}#punkt-${item.id}`);
    expect([item.title, item.kind, item.background, item.proposed_by]).toEqual(['Frivillige i plejecentrets have', 'beslutning', 'Vi har fået tilbud fra haveforeningen.\nSkal vi sige ja?', hanne.personId]);
    const after = await t.db.selectFrom('attachments').selectAll().executeTakeFirstOrThrow();
    expect([after.id, after.sha256, after.meeting_id, after.agenda_item_id, after.proposal_id]).toEqual([before.id, before.sha256, meetingId, item.id, null]);
    const proposal = await t.db.selectFrom('proposals').selectAll().executeTakeFirstOrThrow();
    expect([proposal.status, proposal.agenda_item_id, proposal.decided_by]).toEqual(['optaget', item.id, konsulent.userId]);
    expect((await auditOf(t.db, 'proposal', id)).map((a) => a.action)).toEqual(['create', 'update']);
    expect((await auditOf(t.db, 'agenda_item', item.id)).map((a) => [a.action, a.user_id])).toEqual([['create', konsulent.userId]]);
    expect((await auditOf(t.db, 'attachment', after.id)).map((a) => a.action)).toEqual(['create', 'update']);

    const page = await konsulent.agent.get(`/meetings/${meetingId}`);
    expect(flashes(page.text)).toContain('Forslaget er optaget som punkt på dagsordenen.');
    const shown = text(page.text.slice(page.text.indexOf(`id="punkt-${item.id}"`)));
    expect(shown).toMatch(/^.{0,120}Frivillige i plejecentrets have .*Foreslået af Hanne M\. Petersen \(FOA\) Sagsfremstilling/);
    expect(shown).toContain('Bilag Havens budget (PDF');
    expect(text(page.text)).not.toContain('Forslag til dagsordenen (');
    const laeser = await signedIn(t.app, t.db, 'laeser');
    expect((await laeser.agent.get(`/bilag/${after.id}`)).status).toBe(200); // now a meeting's bilag

    const mine = text((await hanne.agent.get('/proposals')).text);
    expect(mine).toContain('Frivillige i plejecentrets have Partnerskabsmøde december');
    expect(mine).toContain('Optaget på dagsordenen');
  });

  it('names the proposer on the item in the agenda as files too (PDF, DOCX, Markdown, print)', async () => {
    await propose(aProposal());
    await konsulent.post(`/proposals/${await proposalId()}/accept`, { meeting_id: String(meetingId) });
    const agenda = `/meetings/${meetingId}/agenda`;
    const texts = {
      pdf: pdfPages((await download(konsulent.agent, `${agenda}.pdf`)).body).join('\n'),
      docx: wordParagraphs(await (await JSZip.loadAsync((await download(konsulent.agent, `${agenda}.docx`)).body)).file('word/document.xml')!.async('string')).join('\n'),
      md: visibleText(new MarkdownIt().render((await download(konsulent.agent, `${agenda}.md`)).body.toString('utf8'))),
      print: visibleText((await konsulent.agent.get(`${agenda}/print`)).text),
    };
    for (const [format, text] of Object.entries(texts)) {
      try {
        expectInOrder(text, ['Frivillige i plejecentrets have (Beslutning)', 'Foreslået af Hanne M. Petersen (FOA)', 'Vi har fået tilbud fra haveforeningen.']);
      } catch (error) {
        throw new Error(`${format}: ${(error as Error).message}`);
      }
    }
  });

  it('takes a "næste møde" proposal into the partnership’s next planned meeting', async () => {
    const { id: partnership } = await t.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
    const later = await aMeeting(t.db, { title: 'Senere', day: '2027-02-01' });
    await propose(aProposal(`next:${partnership}`));
    const res = await konsulent.post(`/proposals/${await proposalId()}/accept`, { meeting_id: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/meetings/${meetingId}#punkt-`));
    expect(await t.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', later).where('title', '=', 'Frivillige i plejecentrets have').execute()).toEqual([]);
  });

  it('refuses a locked meeting, a decided proposal and no planned meeting, changing nothing', async () => {
    await propose(aProposal(undefined, [file('budget.pdf', files.pdf())]));
    const id = await proposalId();
    const locked = await aMeetingAwaitingApproval(t.db);
    const items = await countRows(t.db, 'agenda_items');
    const res = await konsulent.post(`/proposals/${id}/accept`, { meeting_id: String(locked) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/proposals/${id}`);
    expect(flashes((await konsulent.agent.get(res.headers.location)).text).join(' ')).toMatch(/planlagt møde/);

    const { cancelMeeting } = await import('../../server/meetings/service');
    await cancelMeeting(t.db, meetingId, 'Aflyst', { userId: null }, new Date('2026-11-20T10:00:00Z'));
    const none = await konsulent.post(`/proposals/${id}/accept`, { meeting_id: '' });
    expect(flashes((await konsulent.agent.get(none.headers.location)).text).join(' ')).toMatch(/intet planlagt møde|kun optages på et planlagt møde/);

    expect(await countRows(t.db, 'agenda_items')).toBe(items);
    expect((await t.db.selectFrom('proposals').select('status').executeTakeFirstOrThrow()).status).toBe('aaben');
    expect((await t.db.selectFrom('attachments').select(['proposal_id', 'agenda_item_id']).executeTakeFirstOrThrow())).toEqual({ proposal_id: id, agenda_item_id: null });

    await konsulent.post(`/proposals/${id}/decline`, { decline_reason: 'Ikke nu' });
    const again = await konsulent.post(`/proposals/${id}/accept`, { meeting_id: String(meetingId) });
    expect(flashes((await konsulent.agent.get(again.headers.location)).text)).toContain('Der er allerede taget stilling til forslaget.');
  });
});

describe('declining a proposal', () => {
  it('needs a reason (422, nothing changed), then shows the reason to the proposer, audited', async () => {
    await propose(aProposal());
    const id = await proposalId();
    const empty = await konsulent.post(`/proposals/${id}/decline`, { decline_reason: '  ' });
    expect(empty.status).toBe(422);
    expect(fieldError(empty.text, 'decline_reason')).toMatch(/Skriv en begrundelse/);
    expect((await t.db.selectFrom('proposals').select('status').executeTakeFirstOrThrow()).status).toBe('aaben');

    const res = await konsulent.post(`/proposals/${id}/decline`, { decline_reason: 'Det tager vi op i styregruppen i stedet.' });
    expect(res.status).toBe(303);
    const row = await t.db.selectFrom('proposals').selectAll().executeTakeFirstOrThrow();
    expect([row.status, row.decline_reason, row.decided_by]).toEqual(['afvist', 'Det tager vi op i styregruppen i stedet.', konsulent.userId]);
    expect((await auditOf(t.db, 'proposal', id)).map((a) => [a.action, a.user_id])).toEqual([['create', hanne.userId], ['update', konsulent.userId]]);
    expect(text((await hanne.agent.get('/proposals')).text)).toContain('Afvist – Det tager vi op i styregruppen i stedet.');
    expect(text((await hanne.agent.get(`/proposals/${id}`)).text)).toContain('Det tager vi op i styregruppen i stedet.');
  });
});

describe('anonymising the proposer', () => {
  it('replaces the name in proposals and bilag titles, and names them in the report', async () => {
    const { anonymisePerson, describeAnonymisation } = await import('../../server/people/anonymise');
    await propose([field('title', 'Hanne M. Petersen foreslår en have'), field('kind', 'droeftelse'), field('target', `meeting:${meetingId}`), field('background', 'Som Hanne M. Petersen skrev i maj.'), file('Hanne M. Petersen.pdf', files.pdf())]);
    const report = await anonymisePerson(t.db, hanne.personId, { userId: null }, new Date('2026-11-25T10:00:00Z'));
    const row = await t.db.selectFrom('proposals').select(['title', 'background']).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: `Anonymiseret person ${hanne.personId} foreslår en have`, background: `Som Anonymiseret person ${hanne.personId} skrev i maj.` });
    expect((await t.db.selectFrom('attachments').select('title').executeTakeFirstOrThrow()).title).toBe(`Anonymiseret person ${hanne.personId}`);
    expect(describeAnonymisation(hanne.personId, report)).toMatch(/1 forslag til dagsordenen.*1 bilag|1 bilag.*1 forslag til dagsordenen/);
  });
});
