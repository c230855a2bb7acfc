// A closed item (lukket punkt) and the public version of the minutes. Every place its content
// could reach a læser is asked, and the same places are asked as the konsulent, so each check
// can fail. The public version and its links without login are read as a visitor reads them.
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { anAgendaItem, anAction, aPerson, organisationId, personId } from '../helpers/factories';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { flashes } from '../helpers/html';
import { aBilag } from '../helpers/bilag';
import { approveBothParties, download, fullMeeting, openDocx, pdfPages, visibleText } from '../exports/fixture';
import { setAttachmentPublic } from '../../server/attachments/service';
import { assertMeetingEditable } from '../../server/meetings/lock';
import { recordAttendance } from '../../server/meetings/service';

const SECRET = 'Hemmeligsag';

/** The fixture meeting with a closed item (its background, decision, bilag and action all say SECRET) and a participant who is no representative. */
async function withClosedItem(db: Db, state: 'draft' | 'approved') {
  const birgit = await aPerson(db, { name: 'Birgit Frivillig', organisation_id: await organisationId(db, 'Plejecentret i Uldum') });
  const participants = [await personId(db, 'Hanne M. Petersen'), await personId(db, 'René G. Nielsen'), birgit];
  const { meetingId } = await fullMeeting(db, 'draft', { participant_ids: participants });
  await recordAttendance(db, meetingId, new Map([[participants[0], 'deltog'], [participants[1], 'afbud'], [birgit, 'deltog']]), SYSTEM_ACTOR, new Date());
  const closed = await anAgendaItem(db, meetingId, {
    title: 'Personalesag',
    kind: 'beslutning',
    background: `${SECRET} baggrund`,
    decision: `${SECRET} beslutning`,
    closed: true,
    closed_reason: 'personsag',
  });
  const bilag = await aBilag(db, meetingId, closed, 'sag.txt', Buffer.from(`${SECRET} i bilaget\n`), `${SECRET} bilag`);
  await anAction(db, meetingId, { text: `${SECRET} opgave`, agenda_item_id: closed });
  const internalBilag = await aBilag(db, meetingId, null, 'intern.txt', Buffer.from('Kun internt\n'), 'Intern oversigt');
  await setAttachmentPublic(db, internalBilag, false, assertMeetingEditable, SYSTEM_ACTOR, new Date());
  if (state === 'approved') await approveBothParties(db, meetingId);
  return { meetingId, bilag };
}

async function texts(agent: SignedIn['agent'], meetingId: number): Promise<Record<string, string>> {
  const page = async (url: string) => visibleText((await agent.get(url)).text);
  const pdf = async (url: string) => pdfPages((await download(agent, url)).body).join('\n');
  const docx = async (url: string) => (await openDocx((await download(agent, url)).body)).paragraphs.join('\n');
  const m = `/meetings/${meetingId}`;
  return {
    meeting: await page(m),
    minutes: await page(`${m}/minutes`),
    print: await page(`${m}/minutes/print`),
    version: await page(`${m}/minutes/versions/1`),
    'minutes.pdf': await pdf(`${m}/minutes.pdf`),
    'minutes.docx': await docx(`${m}/minutes.docx`),
    'minutes.md': (await agent.get(`${m}/minutes.md`)).text,
    'versions/1.md': (await agent.get(`${m}/minutes/versions/1.md`)).text,
    'agenda.pdf': await pdf(`${m}/agenda.pdf`),
    'agenda.docx': await docx(`${m}/agenda.docx`),
    'agenda.md': (await agent.get(`${m}/agenda.md`)).text,
    'agenda/print': await page(`${m}/agenda/print`),
    'agenda/samlet.pdf': await pdf(`${m}/agenda/samlet.pdf`),
    'invite.ics': (await agent.get(`${m}/invite.ics`)).text,
    actions: await page('/actions'),
    'actions.csv': (await agent.get('/actions.csv')).text,
    // The page repeats what was searched for; the hits are what must not show.
    search: visibleText([...(await agent.get(`/search?q=${SECRET}`)).text.matchAll(/<section class="search-group"[\s\S]*?<\/section>/g)].map((m) => m[0]).join('\n')),
  };
}

describe('a closed item (lukket punkt)', () => {
  it('shows a læser its title and nothing of its content anywhere; the konsulent and a representative see it all', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await withClosedItem(db, 'approved');
    const reader = await signedIn(app, db, 'laeser');
    const seen = await texts(reader.agent, meetingId);
    for (const [place, text] of Object.entries(seen)) {
      expect([place, text.includes(SECRET)]).toEqual([place, false]);
    }
    for (const place of ['meeting', 'minutes', 'minutes.pdf', 'minutes.docx', 'minutes.md', 'agenda.pdf', 'agenda.md']) {
      expect([place, seen[place].includes('Personalesag'), seen[place].includes('Lukket punkt')]).toEqual([place, true, true]);
    }

    const konsulent = await signedIn(app, db, 'konsulent');
    const all = await texts(konsulent.agent, meetingId);
    for (const place of ['meeting', 'minutes', 'minutes.pdf', 'minutes.docx', 'minutes.md', 'agenda.pdf', 'agenda.md', 'actions', 'actions.csv', 'search']) {
      expect([place, all[place].includes(SECRET)]).toEqual([place, true]);
    }
    expect(all.minutes).toContain('Begrundelse: personsag');
    const representative = await signedIn(app, db, 'repraesentant');
    expect(visibleText((await representative.agent.get(`/meetings/${meetingId}/minutes`)).text)).toContain(`${SECRET} beslutning`);
  });

  it('a list remembered for the konsulent is not what a læser is then shown', async () => {
    const { app, db } = await testApp();
    await withClosedItem(db, 'approved');
    const konsulent = await signedIn(app, db, 'konsulent');
    const reader = await signedIn(app, db, 'laeser');
    expect((await konsulent.agent.get('/actions')).text).toContain(SECRET);
    expect((await reader.agent.get('/actions')).text).not.toContain(SECRET);
    expect((await konsulent.agent.get('/actions')).text).toContain(SECRET);
  });

  it('gives a læser 404 for its bilag, as for a bilag that does not exist', async () => {
    const { app, db } = await testApp();
    const { bilag } = await withClosedItem(db, 'draft');
    const reader = await signedIn(app, db, 'laeser');
    const res = await reader.agent.get(`/bilag/${bilag}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(SECRET);
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await download(konsulent.agent, `/bilag/${bilag}`)).body.toString()).toContain(SECRET);
  });

  it('needs a reason: 422 with the input kept and nothing saved', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'draft');
    const konsulent = await signedIn(app, db, 'konsulent');
    const res = await konsulent.post(`/meetings/${meetingId}/agenda`, { title: 'Lukket uden grund', kind: 'droeftelse', closed: 'on', closed_reason: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Skriv, hvorfor punktet er lukket');
    expect(res.text).toContain('value="Lukket uden grund"');
    expect(await db.selectFrom('agenda_items').select('id').where('title', '=', 'Lukket uden grund').executeTakeFirst()).toBeUndefined();
  });
});

async function publicLink(app: Express, konsulent: SignedIn, meetingId: number): Promise<string> {
  const made = await konsulent.post(`/meetings/${meetingId}/minutes/public-links`, {});
  expect(made.status).toBe(303);
  const page = await konsulent.agent.get(`/meetings/${meetingId}/minutes/public`);
  const m = /\/offentlig\/([A-Za-z0-9_-]{43})/.exec(page.text);
  expect(m).not.toBeNull();
  expect((await request(app).get(`/offentlig/${m![1]}`)).status).toBe(200);
  return m![1];
}

describe('the public version of the minutes', () => {
  it('names only the representatives, shows a closed item by its title and leaves out bilag marked ikke offentlig, in every format', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await withClosedItem(db, 'approved');
    const konsulent = await signedIn(app, db, 'konsulent');
    const m = `/meetings/${meetingId}/minutes`;
    const formats = {
      page: visibleText((await konsulent.agent.get(`${m}/public`)).text),
      pdf: pdfPages((await download(konsulent.agent, `${m}/public.pdf`)).body).join('\n'),
      docx: (await openDocx((await download(konsulent.agent, `${m}/public.docx`)).body)).paragraphs.join('\n'),
      md: (await konsulent.agent.get(`${m}/public.md`)).text,
    };
    for (const [format, text] of Object.entries(formats)) {
      const shown = {
        format,
        notice: text.includes('Offentlig version'),
        representative: text.includes('Hanne M. Petersen'),
        other: text.includes('Birgit Frivillig'),
        organisation: text.includes('Plejecentret i Uldum'),
        closedTitle: text.includes('Personalesag'),
        secret: text.includes(SECRET),
        internalBilag: text.includes('Intern oversigt'),
        publicBilag: text.includes('Budget 2027'),
      };
      expect(shown).toEqual({ format, notice: true, representative: true, other: false, organisation: true, closedTitle: true, secret: false, internalBilag: false, publicBilag: true });
    }
    // The internal referat keeps them all.
    const internal = visibleText((await konsulent.agent.get(m)).text);
    for (const text of ['Birgit Frivillig', 'Intern oversigt', SECRET]) expect(internal).toContain(text);
  });

  it('is shared by a link without login once approved; a revoked or unknown link is 404 at once', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await withClosedItem(db, 'draft');
    const konsulent = await signedIn(app, db, 'konsulent');
    const early = await konsulent.post(`/meetings/${meetingId}/minutes/public-links`, {});
    expect(early.status).toBe(303);
    expect(flashes((await konsulent.agent.get(`/meetings/${meetingId}/minutes/public`)).text)).toEqual(['Et offentligt link kan først laves, når referatet er godkendt af alle parter.']);
    expect(await db.selectFrom('public_links').select('id').execute()).toEqual([]);

    await approveBothParties(db, meetingId);
    const token = await publicLink(app, konsulent, meetingId);
    const visitor = request(app);
    const page = await visitor.get(`/offentlig/${token}`);
    expect(page.headers['x-robots-tag']).toBe('noindex');
    const text = visibleText(page.text);
    expect(text).toContain('Referat (offentlig version)');
    expect(text).toContain('Lukket punkt');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Birgit Frivillig');
    const pdf = await visitor.get(`/offentlig/${token}/referat.pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdfPages(pdf.body as Buffer).join('\n')).not.toContain(SECRET);
    expect(visibleText((await konsulent.agent.get(`/meetings/${meetingId}`)).text)).toContain('1 aktivt link uden login');

    const link = await db.selectFrom('public_links').select('id').executeTakeFirstOrThrow();
    expect((await konsulent.post(`/meetings/${meetingId}/minutes/public-links/${link.id}/revoke`, {})).status).toBe(303);
    expect((await visitor.get(`/offentlig/${token}`)).status).toBe(404);
    expect((await visitor.get(`/offentlig/${token}/referat.md`)).status).toBe(404);
    expect((await visitor.get(`/offentlig/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await visitor.get('/offentlig/kort')).status).toBe(404);
    const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'public_link').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('links are the konsulent’s to make and revoke (403 for others, 404 for unknown)', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await withClosedItem(db, 'approved');
    for (const role of ['laeser', 'repraesentant'] as const) {
      const user = await signedIn(app, db, role);
      expect((await user.post(`/meetings/${meetingId}/minutes/public-links`, {})).status).toBe(403);
    }
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await konsulent.post('/meetings/999999/minutes/public-links', {})).status).toBe(404);
    expect((await konsulent.post(`/meetings/${meetingId}/minutes/public-links/999999/revoke`, {})).status).toBe(404);
    expect(await db.selectFrom('public_links').select('id').execute()).toEqual([]);
  });

  it('a later version shows in the link, not the draft of a correction', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await withClosedItem(db, 'approved');
    const konsulent = await signedIn(app, db, 'konsulent');
    const token = await publicLink(app, konsulent, meetingId);
    await konsulent.post(`/meetings/${meetingId}/minutes/correct`, { change_note: 'Rettet stavefejl' });
    await konsulent.post(`/meetings/${meetingId}/minutes`, { free_text: 'Ny indledning i kladden', next_meeting: '', intent: 'save' });
    const during = visibleText((await request(app).get(`/offentlig/${token}`)).text);
    expect(during).not.toContain('Ny indledning i kladden');
    expect(during).toContain('Velkommen til Åse fra Ærø.');
  });
});

describe('POST /meetings/:id/bilag/:bilagId/public', () => {
  it('marks a bilag ikke offentlig and back (the konsulent, audited); others 403; locked minutes refuse', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'draft');
    const bilag = (await db.selectFrom('attachments').select('id').where('title', '=', 'Budget 2027').executeTakeFirstOrThrow()).id;
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await konsulent.post(`/meetings/${meetingId}/bilag/${bilag}/public`, { public: '0' })).status).toBe(303);
    expect(visibleText((await konsulent.agent.get(`/meetings/${meetingId}`)).text)).toContain('Ikke offentlig');
    expect((await db.selectFrom('attachments').select('public').where('id', '=', bilag).executeTakeFirstOrThrow()).public).toBe(0);
    const reader = await signedIn(app, db, 'laeser');
    expect((await reader.post(`/meetings/${meetingId}/bilag/${bilag}/public`, { public: '1' })).status).toBe(403);
    expect((await konsulent.post(`/meetings/${meetingId}/bilag/999999/public`, { public: '1' })).status).toBe(404);
    await approveBothParties(db, meetingId);
    expect((await konsulent.post(`/meetings/${meetingId}/bilag/${bilag}/public`, { public: '1' })).status).toBe(303);
    expect((await db.selectFrom('attachments').select('public').where('id', '=', bilag).executeTakeFirstOrThrow()).public).toBe(0);
  });
});
