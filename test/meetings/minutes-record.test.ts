// The minutes as a record both parties can sign: a protocol remark with an approval, a party's
// refusal with its reason, corrections as addenda with every earlier version kept, and the
// side-by-side view of what changed.
import MarkdownIt from 'markdown-it';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aHeldMeeting, anAgendaItem } from '../helpers/factories';
import { flashes, unescapeHtml } from '../helpers/html';
import { download, expectInOrder, pdfPages, visibleText } from '../exports/fixture';

async function sentMeeting(t: TestApp) {
  const meeting = await aHeldMeeting(t.db, { title: 'Partnerskabsmøde i juni' });
  await anAgendaItem(t.db, meeting, { title: 'Budget 2027', kind: 'beslutning', decision: 'Budgettet godkendes.' });
  const k = await signedIn(t.app, t.db, 'konsulent');
  expect((await k.post(`/meetings/${meeting}/minutes/send`)).status).toBe(303);
  const foa = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
  const kommune = await signedIn(t.app, t.db, 'repraesentant', { personName: 'René G. Nielsen' });
  return { meeting, k, foa, kommune };
}

const markdown = async (user: SignedIn, url: string) => visibleText(new MarkdownIt().render((await download(user.agent, url)).body.toString('utf8')));

describe('a protocol remark', () => {
  it('is given with the approval, on one item, and printed under it with party, person and time in every format', async () => {
    const t = await testApp();
    const { meeting, foa, kommune, k } = await sentMeeting(t);
    const res = await foa.post(`/meetings/${meeting}/minutes/approve`, { remark: 'FOA ønsker ført til protokol, at budgettet skal følges tæt.', remark_item: '2' });
    expect(res.status).toBe(303);
    expect(flashes((await foa.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Referatet er godkendt for din part med en protokolbemærkning.']);
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    const md = await markdown(k, `/meetings/${meeting}/minutes.md`);
    expectInOrder(md, ['2. Budget 2027', 'Beslutning', 'Budgettet godkendes.', 'Protokolbemærkning fra FOA', 'FOA ønsker ført til protokol, at budgettet skal følges tæt.', '(Hanne M. Petersen, tirsdag 24. november 2026 kl. 11.00)', 'Godkendelse']);
    expect(md).toContain('FOA: godkendt med bemærkning af Hanne M. Petersen');
    const pdf = pdfPages((await download(k.agent, `/meetings/${meeting}/minutes.pdf`)).body).join('\n');
    expectInOrder(pdf, ['Budget 2027', 'Protokolbemærkning fra FOA', 'budgettet skal følges tæt', 'godkendt med bemærkning af Hanne M. Petersen']);
    // The versions table says so too.
    const versions = unescapeHtml((await k.agent.get(`/meetings/${meeting}/minutes`)).text).replace(/<[^>]+>/g, '');
    expect(versions).toMatch(/FOA: Hanne M\. Petersen [^;]* \(med bemærkning\)/);
  });

  it('on the minutes as a whole stands after the last item; 10,000 characters of markup and control characters stay text', async () => {
    const t = await testApp();
    const { meeting, foa, kommune, k } = await sentMeeting(t);
    const nasty = `<script>alert(1)</script> <%= process.exit() %> \u0007${'x'.repeat(9950)}`;
    await foa.post(`/meetings/${meeting}/minutes/approve`, { remark: nasty, remark_item: '' });
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    const stored = await t.db.selectFrom('minutes_remarks').select(['text', 'item_number']).executeTakeFirstOrThrow();
    expect(stored.item_number).toBeNull();
    expect(stored.text.startsWith('<script>alert(1)</script> <%= process.exit() %>')).toBe(true);
    const page = await k.agent.get(`/meetings/${meeting}/minutes`);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(unescapeHtml(page.text)).toContain('<script>alert(1)</script> <%= process.exit() %>');
    expectInOrder(await markdown(k, `/meetings/${meeting}/minutes.md`), ['Budget 2027', 'Protokolbemærkninger', 'Protokolbemærkning fra FOA', '<script>alert(1)</script> <%= process.exit() %>', 'Godkendelse']);
  });

  it('on an item that is not in the version is refused, and nothing is recorded', async () => {
    const t = await testApp();
    const { meeting, foa } = await sentMeeting(t);
    await foa.post(`/meetings/${meeting}/minutes/approve`, { remark: 'Om et punkt, der ikke findes.', remark_item: '99' });
    expect(flashes((await foa.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Bemærkningen skal høre til et af referatets punkter.']);
    expect(await countRows(t.db, 'minutes_remarks')).toBe(0);
    expect(await countRows(t.db, 'minutes_approvals')).toBe(0);
  });
});

describe('a party that cannot approve', () => {
  it('says so with a reason the konsulent sees; the minutes are not locked and the party may approve later', async () => {
    const t = await testApp();
    const { meeting, foa, kommune, k } = await sentMeeting(t);
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    const res = await kommune.post(`/meetings/${meeting}/minutes/refuse`, { reason: 'Beslutningen under punkt 2 er ikke gengivet rigtigt.', reason_item: '2' });
    expect(res.status).toBe(303);
    expect((await t.db.selectFrom('minutes').select('status').executeTakeFirstOrThrow()).status).toBe('til_godkendelse');
    const page = unescapeHtml((await k.agent.get(`/meetings/${meeting}/minutes`)).text);
    expect(page).toMatch(/Hedensted Kommune: godkender ikke[\s\S]*René G\. Nielsen[\s\S]*punkt 2[\s\S]*Beslutningen under punkt 2 er ikke gengivet rigtigt\./);
    expect(await markdown(k, `/meetings/${meeting}/minutes.md`)).not.toContain('ikke gengivet rigtigt');
    // The reason may be about a closed item: a læser sees only that the minutes await approval.
    const reader = await signedIn(t.app, t.db, 'laeser');
    expect(unescapeHtml((await reader.agent.get(`/meetings/${meeting}/minutes`)).text)).not.toContain('ikke gengivet rigtigt');
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    expect((await t.db.selectFrom('minutes').select('status').executeTakeFirstOrThrow()).status).toBe('godkendt');
  });

  it('needs a reason (422) and is for the representatives only (403)', async () => {
    const t = await testApp();
    const { meeting, kommune, k } = await sentMeeting(t);
    expect((await kommune.post(`/meetings/${meeting}/minutes/refuse`, { reason: '', reason_item: '' })).status).toBe(422);
    expect((await k.post(`/meetings/${meeting}/minutes/refuse`, { reason: 'Nej', reason_item: '' })).status).toBe(403);
    const reader = await signedIn(t.app, t.db, 'laeser');
    expect((await reader.post(`/meetings/${meeting}/minutes/refuse`, { reason: 'Nej', reason_item: '' })).status).toBe(403);
    expect((await reader.post(`/meetings/${meeting}/minutes/approve`, { remark: 'Nej' })).status).toBe(403);
    expect(await countRows(t.db, 'minutes_remarks')).toBe(0);
  });
});

describe('a correction after approval', () => {
  it('carries an addendum saying why and what changed; version 1 stays exportable with its approvals; the diff marks the changed words', async () => {
    const t = await testApp();
    const { meeting, foa, kommune, k } = await sentMeeting(t);
    await foa.post(`/meetings/${meeting}/minutes/approve`, { remark: 'FOA har en bemærkning.', remark_item: '' });
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    await k.post(`/meetings/${meeting}/minutes/correct`, { change_note: 'Beslutningen var gengivet forkert' });
    const item = await t.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meeting).where('title', '=', 'Budget 2027').executeTakeFirstOrThrow();
    await k.post(`/meetings/${meeting}/agenda/${item.id}`, { title: item.title, kind: item.kind, background: '', proposal: '', discussion: '', decision: 'Budgettet godkendes med en reserve.', presenter_id: '', duration_minutes: '' });
    await k.post(`/meetings/${meeting}/minutes/send`);

    const v2 = await markdown(k, `/meetings/${meeting}/minutes/versions/2.md`); // (the files show version 1 until version 2 is approved)
    expectInOrder(v2, ['Tilføjelse til referatet (version 2)', 'Rettet, fordi', 'Beslutningen var gengivet forkert', 'Ændret siden version 1', 'Punkt 2 (Budget 2027): beslutning ændret.']);
    expect(v2).not.toContain('FOA har en bemærkning.'); // a new version starts without the remarks

    const v1 = await download(k.agent, `/meetings/${meeting}/minutes/versions/1.pdf`);
    expect(v1.status).toBe(200);
    const v1text = pdfPages(v1.body).join('\n');
    expect(v1text).toContain('Budgettet godkendes.');
    expect(v1text).toContain('FOA: godkendt med bemærkning af Hanne M. Petersen');
    expect((await k.agent.get(`/meetings/${meeting}/minutes/versions/1.docx`)).status).toBe(200);
    expect((await k.agent.get(`/meetings/${meeting}/minutes/versions/1.xls`)).status).toBe(404);
    expect((await k.agent.get(`/meetings/${meeting}/minutes/versions/9.pdf`)).status).toBe(404);

    const diff = await k.agent.get(`/meetings/${meeting}/minutes/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.text).toMatch(/Budget 2027 <span class="badge">Ændret<\/span>/);
    expect(diff.text).toMatch(/<dt>Beslutning<\/dt><dd class="text">Budgettet godkendes <ins>med en reserve<\/ins>\.<\/dd>/);
    expect((await k.agent.get(`/meetings/${meeting}/minutes/diff?from=2&to=2`)).status).toBe(404);
  });
});

describe('attendance per item', () => {
  it('notes a participant absent or inhabil for one item and a guest for one item; printed with the item and in the Danish order', async () => {
    const t = await testApp();
    const hanne = (await t.db.selectFrom('people').select('id').where('name', '=', 'Hanne M. Petersen').executeTakeFirstOrThrow()).id;
    const rene = (await t.db.selectFrom('people').select('id').where('name', '=', 'René G. Nielsen').executeTakeFirstOrThrow()).id;
    const meeting = await aHeldMeeting(t.db, { participant_ids: [hanne, rene] });
    const item = await anAgendaItem(t.db, meeting, { title: 'Personalesag', kind: 'droeftelse' });
    const guest = await (await import('../helpers/factories')).aPerson(t.db, { name: 'Gitte Gæst' });
    const k = await signedIn(t.app, t.db, 'konsulent');
    expect((await k.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(hanne), kind: 'fravaerende', note: 'forlod mødet' })).status).toBe(303);
    expect((await k.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(rene), kind: 'inhabil', note: '' })).status).toBe(303);
    expect((await k.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(guest), kind: 'gaest', note: '' })).status).toBe(303);
    // A participant cannot be a guest, a guest cannot be absent, no one twice, no unknown kind.
    expect((await k.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(hanne), kind: 'gaest', note: '' })).status).toBe(422);
    expect((await k.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(guest), kind: 'inhabil', note: '' })).status).toBe(422);
    const wrong = await k.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(hanne), kind: 'forsvundet', note: 'mistede toget' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('value="mistede toget"'); // the form on its own page, the input kept
    const form = await k.agent.get(`/meetings/${meeting}/agenda/${item}/attendance`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Hanne M. Petersen (FOA)');
    // The meeting page links to it instead of carrying a select of every invitee per item.
    const page = (await k.agent.get(`/meetings/${meeting}`)).text;
    expect(page).toContain(`href="/meetings/${meeting}/agenda/${item}/attendance"`);
    expect(page).not.toContain('name="person_id"');
    expect(await countRows(t.db, 'item_attendance')).toBe(3);
    const md = await markdown(k, `/meetings/${meeting}/minutes.md`);
    expectInOrder(md, ['Deltagere', 'Afbud', 'Gæster', 'Gitte Gæst – deltog under punkt 2', 'Personalesag', 'Fraværende under punktet', 'Hanne M. Petersen (FOA) – forlod mødet', 'Inhabil', 'René G. Nielsen (Hedensted Kommune)', 'Gæst under punktet', 'Gitte Gæst']);
    const reader = await signedIn(t.app, t.db, 'laeser');
    expect((await reader.post(`/meetings/${meeting}/agenda/${item}/attendance`, { person_id: String(hanne), kind: 'inhabil', note: '' })).status).toBe(403);
  });
});
