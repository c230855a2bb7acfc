// The messages of the meeting cycle after the invitation, through the pages that cause them and
// read back from a real SMTP server: agenda released (with the bilag), minutes for approval (each
// representative of each party), a protocol remark and a refusal (the konsulent), approved by
// all (every participant), a corrected version (the representatives again), an action assigned
// (its owner), a proposal taken in or declined (its proposer).
import { signedIn } from '../helpers/agent';
import { flashes } from '../helpers/html';
import { aBilag } from '../helpers/bilag';
import { aHeldMeeting, aMeeting, anAgendaItem, personId } from '../helpers/factories';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createProposal } from '../../server/proposals/service';
import { ProposalFormSchema } from '../../server/proposals/schemas';
import { CONSULTANT_NAME } from '../../seeds/partnership';
import { APP_URL, giveEmail, mailApp, mailTo, pathOf, type MailApp } from './helpers';

/** Hanne (FOA), René and Per (representatives) with e-mail; the other five representatives without. */
async function representatives(t: MailApp) {
  return {
    hanne: await giveEmail(t.db, 'Hanne M. Petersen', 'hanne@foa.example.dk'),
    rene: await giveEmail(t.db, 'René G. Nielsen', 'rene@hedensted.example.dk'),
    per: await giveEmail(t.db, 'Per Lange', 'per@foa.example.dk'),
  };
}

describe('the meeting cycle by e-mail', () => {
  it('"Udsend dagsorden" mails every participant the items, the list of bilag with links, and the page', async () => {
    const t = await mailApp();
    const r = await representatives(t);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde', participant_ids: [r.hanne, r.rene, await personId(t.db, 'Tom Bjerregaard')] });
    const item = await anAgendaItem(t.db, meetingId, { title: 'Budget 2027', kind: 'beslutning' });
    const closed = await anAgendaItem(t.db, meetingId, { title: 'Personalesag', closed: true, closed_reason: 'Personsag' });
    const budget = await aBilag(t.db, meetingId, item, 'budget.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'Budget 2027');
    await aBilag(t.db, meetingId, closed, 'sag.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'Hemmeligt notat');
    const plan = await aBilag(t.db, meetingId, null, 'plan.txt', Buffer.from('Plan for året\n'), 'Årsplan');

    const res = await k.post(`/meetings/${meetingId}/agenda/release`);
    expect(res.status).toBe(303);
    expect(flashes((await k.agent.get(`/meetings/${meetingId}`)).text)).toContain('1 af 3 modtagere har ingen e-mailadresse og får ikke besked: Tom Bjerregaard.');

    const mails = await t.deliver();
    expect(mails.map((m) => m.to).sort()).toEqual(['hanne@foa.example.dk', 'rene@hedensted.example.dk']);
    const hanne = mailTo(mails, 'hanne@foa.example.dk');
    expect(hanne.subject).toBe('Dagsorden: Partnerskabsmøde, 8. december 2026');
    expect(hanne.text).toContain('Dagsordenen til mødet "Partnerskabsmøde" er udsendt.');
    expect(hanne.text).toMatch(/\d\. Budget 2027\n\d\. Personalesag \(lukket punkt\)/);
    expect(hanne.text).toContain(`Bilag (2):\n- Årsplan (Tekst, 15 byte): ${APP_URL}/bilag/${plan}\n- Punkt 2: Budget 2027 (PDF, 15 byte): ${APP_URL}/bilag/${budget}`);
    expect(hanne.text).not.toContain('Hemmeligt notat');
    expect(hanne.html).toContain(`<li><a href="${APP_URL}/bilag/${budget}">Punkt 2: Budget 2027 (PDF, 15 byte)</a></li>`);
    expect(hanne.text).toContain(`Se dagsordenen:\n${APP_URL}/meetings/${meetingId}#dagsorden`);
    expect(hanne.text).toContain(`${APP_URL}/profile`);
  });

  it('minutes sent for approval reach each representative of each party; a remark and a refusal reach the konsulent; approval by all reaches every participant; a corrected version the representatives again', async () => {
    const t = await mailApp();
    const r = await representatives(t);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const konsulentEmail = (await t.db.selectFrom('users').select('email').where('id', '=', k.userId).executeTakeFirstOrThrow()).email;
    const tom = await personId(t.db, 'Tom Bjerregaard'); // no e-mail
    const meetingId = await aHeldMeeting(t.db, { title: 'Partnerskabsmøde', participant_ids: [r.hanne, r.rene, k.personId, tom], convener_id: k.personId });

    // Sent: the eight representatives, three with an address.
    const sent = await k.post(`/meetings/${meetingId}/minutes/send`);
    expect(sent.status).toBe(303);
    expect(flashes((await k.agent.get(sent.headers.location)).text)).toContain(
      `5 af 8 modtagere har ingen e-mailadresse og får ikke besked: Jesper Thyrring Møller, ${CONSULTANT_NAME}, Peter Hüttel, Steen Dahl-Hansen og Tom Bjerregaard.`,
    );
    let mails = await t.deliver();
    expect(mails.map((m) => m.to).sort()).toEqual(['hanne@foa.example.dk', 'per@foa.example.dk', 'rene@hedensted.example.dk']);
    const forApproval = mailTo(mails, 'per@foa.example.dk');
    expect(forApproval.subject).toBe('Referat til godkendelse: Partnerskabsmøde, 8. december 2026');
    expect(forApproval.text).toContain('Hej Per Lange,');
    expect(forApproval.text).toContain('Frist: 01.12.2026.');
    expect(forApproval.text).toContain(`Læs og godkend referatet:\n${APP_URL}/meetings/${meetingId}/minutes`);

    // FOA approves with a remark: the konsulent is told.
    const hanne = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    expect((await hanne.post(`/meetings/${meetingId}/minutes/approve`, { remark: 'FOA ønsker punkt 1 uddybet.', remark_item: '' })).status).toBe(303);
    mails = await t.deliver();
    expect(mails.map((m) => m.to)).toEqual([konsulentEmail]);
    expect(mails[0].subject).toBe('Bemærkning til referatet: Partnerskabsmøde, 8. december 2026');
    expect(mails[0].text).toContain('Hanne M. Petersen (FOA) har godkendt referatet fra mødet "Partnerskabsmøde" (version 1) med en bemærkning til protokollen om referatet som helhed:\n\nFOA ønsker punkt 1 uddybet.');

    // The municipality approves: all parties have, every participant (and the convener) is told.
    const rene = await signedIn(t.app, t.db, 'repraesentant', { personName: 'René G. Nielsen' });
    const approved = await rene.post(`/meetings/${meetingId}/minutes/approve`, { remark: '', remark_item: '' });
    expect(approved.status).toBe(303);
    // The notice about people without an address is for those who can add one, not a representative.
    expect(flashes((await rene.agent.get(approved.headers.location)).text)).toEqual(['Referatet er godkendt af alle parter og nu låst.']);
    mails = await t.deliver();
    expect(mails.map((m) => m.to).sort()).toEqual([konsulentEmail, 'hanne@foa.example.dk', 'rene@hedensted.example.dk'].sort());
    const done = mailTo(mails, 'hanne@foa.example.dk');
    expect(done.subject).toBe('Referatet er godkendt: Partnerskabsmøde, 8. december 2026');
    expect(done.text).toContain('er godkendt af alle parter (Hedensted Kommune, FOA) og er nu endeligt.');
    expect(pathOf(done.links.find((l) => l.includes('/minutes'))!)).toBe(`/meetings/${meetingId}/minutes`);

    // A corrected version: the representatives again, with what was corrected.
    expect((await k.post(`/meetings/${meetingId}/minutes/correct`, { change_note: 'Punkt 1 uddybet efter FOA’s bemærkning.' })).status).toBe(303);
    expect(await t.deliver()).toEqual([]);
    expect((await k.post(`/meetings/${meetingId}/minutes/send`)).status).toBe(303);
    mails = await t.deliver();
    expect(mails.map((m) => m.to).sort()).toEqual(['hanne@foa.example.dk', 'per@foa.example.dk', 'rene@hedensted.example.dk']);
    const corrected = mailTo(mails, 'rene@hedensted.example.dk');
    expect(corrected.subject).toBe('Rettet referat (version 2) til godkendelse: Partnerskabsmøde, 8. december 2026');
    expect(corrected.text).toContain('Det er rettet: Punkt 1 uddybet efter FOA’s bemærkning.');

    // FOA cannot approve version 2: the konsulent is told why.
    const per = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Per Lange' });
    expect((await per.post(`/meetings/${meetingId}/minutes/refuse`, { reason: 'Beslutningen er gengivet forkert.', reason_item: '1' })).status).toBe(303);
    mails = await t.deliver();
    expect(mails.map((m) => m.to)).toEqual([konsulentEmail]);
    expect(mails[0].subject).toBe('Kan ikke godkende referatet: Partnerskabsmøde, 8. december 2026');
    expect(mails[0].text).toContain('Per Lange (FOA) kan ikke godkende referatet fra mødet "Partnerskabsmøde" (version 2) og skriver om punkt 1:\n\nBeslutningen er gengivet forkert.');
  });

  it('an action assigned mails its owner (again only when the owner changes)', async () => {
    const t = await mailApp();
    const r = await representatives(t);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    const created = await k.post(`/meetings/${meetingId}/actions`, { text: 'Indkald frivillige til møde', owner_id: String(r.hanne), due_date: '2026-12-15', status: 'aaben' });
    expect(created.status).toBe(303);
    const [mail] = await t.deliver();
    expect(mail.to).toBe('hanne@foa.example.dk');
    expect(mail.subject).toBe('Opfølgningspunkt til dig: Indkald frivillige til møde');
    expect(mail.text).toContain('Du er ansvarlig for et opfølgningspunkt fra mødet "Partnerskabsmøde":\n\nIndkald frivillige til møde\n\nFrist: 15.12.2026.');
    expect(mail.text).toContain(`Se dine opfølgningspunkter:\n${APP_URL}/actions?owner_id=${r.hanne}`);

    const actionId = (await t.db.selectFrom('actions').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).id;
    await k.post(`/meetings/${meetingId}/actions/${actionId}`, { text: 'Indkald frivillige til møde i januar', owner_id: String(r.hanne), due_date: '2026-12-15', status: 'i_gang' });
    expect(await t.deliver()).toEqual([]);
    await k.post(`/meetings/${meetingId}/actions/${actionId}`, { text: 'Indkald frivillige til møde i januar', owner_id: String(r.per), due_date: '2026-12-15', status: 'i_gang' });
    expect((await t.deliver()).map((m) => `${m.to}: ${m.subject}`)).toEqual(['per@foa.example.dk: Opfølgningspunkt til dig: Indkald frivillige til møde i januar']);

    // An owner without an address: the page says so.
    const tom = await personId(t.db, 'Tom Bjerregaard');
    const res = await k.post(`/meetings/${meetingId}/actions`, { text: 'Skriv til borgerne', owner_id: String(tom), due_date: '', status: 'aaben' });
    expect(flashes((await k.agent.get(res.headers.location)).text)).toContain('1 af 1 modtagere har ingen e-mailadresse og får ikke besked: Tom Bjerregaard.');
  });

  it('a text with line breaks and non-ASCII in a subject stays one encoded header: no header is added, nobody else gets it', async () => {
    const t = await mailApp();
    const r = await representatives(t);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const meetingId = await aMeeting(t.db, { title: 'Møde' });
    await k.post(`/meetings/${meetingId}/actions`, { text: `Ring til Åse\r\nBcc: ond@example.com\r\n\r\nX-Evil: ja ${'ø'.repeat(300)}`, owner_id: String(r.hanne), due_date: '', status: 'aaben' });
    const mails = await t.deliver();
    expect(mails.map((m) => m.to)).toEqual(['hanne@foa.example.dk']);
    const [mail] = mails;
    expect(mail.subject.startsWith('Opfølgningspunkt til dig: Ring til Åse Bcc: ond@example.com X-Evil: ja øøø')).toBe(true);
    expect(mail.subject.length).toBeLessThanOrEqual(250);
    expect(mail.parsed.headers.has('x-evil')).toBe(false);
    expect(mail.parsed.bcc).toBeUndefined();
  });

  it('a proposal taken into an agenda or declined mails its proposer', async () => {
    const t = await mailApp();
    const r = await representatives(t);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde' });
    const propose = (title: string) => createProposal(t.db, ProposalFormSchema.parse({ title, background: '', kind: 'droeftelse', target: `meeting:${meetingId}` }), r.hanne, [], SYSTEM_ACTOR, t.clock.now());
    const taken = await propose('Frivillige på plejecentret');
    const declined = await propose('Nyt logo');

    const accepted = await k.post(`/proposals/${taken}/accept`, { meeting_id: '' });
    expect(accepted.status).toBe(303);
    const [yes] = await t.deliver();
    expect(yes.to).toBe('hanne@foa.example.dk');
    expect(yes.subject).toBe('Dit forslag er på dagsordenen: Frivillige på plejecentret');
    expect(yes.text).toContain('Dit forslag "Frivillige på plejecentret" er taget med på dagsordenen til mødet Partnerskabsmøde, 8. december 2026.');
    expect(pathOf(yes.links.find((l) => l.includes('#punkt-'))!)).toBe(accepted.headers.location);

    expect((await k.post(`/proposals/${declined}/decline`, { decline_reason: 'Det hører til kommunikationsafdelingen.' })).status).toBe(303);
    const [no] = await t.deliver();
    expect(no.subject).toBe('Dit forslag er ikke taget med: Nyt logo');
    expect(no.text).toContain('Begrundelse: Det hører til kommunikationsafdelingen.');
    expect(no.text).toContain(`Se forslaget:\n${APP_URL}/proposals/${declined}`);
  });
});
