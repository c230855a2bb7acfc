// /meetings/:id/minutes through HTTP: the draft text, sending for approval, one approval per
// party, withdrawing, corrections as new versions, earlier versions, and comments.
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aHeldMeeting, aMeeting, aMeetingAwaitingApproval, anAgendaItem, organisationId } from '../helpers/factories';
import { fieldError, fieldValue, flashes } from '../helpers/html';

type Db = TestApp['db'];

async function minutesRow(db: Db, meetingId: number) {
  return db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
}

async function approvals(db: Db) {
  return db
    .selectFrom('minutes_approvals')
    .innerJoin('organisations', 'organisations.id', 'minutes_approvals.organisation_id')
    .innerJoin('people', 'people.id', 'minutes_approvals.person_id')
    .select(['minutes_approvals.version', 'organisations.name as party', 'people.name as person', 'minutes_approvals.approved_at'])
    .orderBy('minutes_approvals.id')
    .execute();
}

/** The two parties' representatives, signed in. */
async function parties(t: TestApp): Promise<{ foa: SignedIn; kommune: SignedIn }> {
  return {
    foa: await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' }),
    kommune: await signedIn(t.app, t.db, 'repraesentant', { personName: 'René G. Nielsen' }),
  };
}

describe('the minutes draft', () => {
  it('shows the draft, marked UDKAST, to a reader', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde i december', kind: 'workshop' });
    await anAgendaItem(db, meeting, { title: 'Frivillige', decision: 'Vi afprøver ordningen.' });
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get(`/meetings/${meeting}/minutes`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Referat: Partnerskabsmøde i december');
    expect(res.text).toContain('UDKAST – ikke godkendt');
    expect(res.text).toContain('1. Frivillige');
    expect(res.text).toContain('Vi afprøver ordningen.');
    expect(res.text).toContain('Status: <strong>Kladde</strong>, version 1.');
    expect(res.text).not.toContain(`action="/meetings/${meeting}/minutes/send"`);
  });

  it('saves the free text and next meeting, creating the minutes on first save', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    expect(await minutesRow(db, meeting)).toBeUndefined();
    const res = await k.post(`/meetings/${meeting}/minutes`, { free_text: 'Velkommen til Åse.', next_meeting: 'aftales nærmere' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meeting}/minutes`);
    expect(await minutesRow(db, meeting)).toMatchObject({ status: 'kladde', version: 1, free_text: 'Velkommen til Åse.', next_meeting: 'aftales nærmere' });
    const page = await k.agent.get(`/meetings/${meeting}/minutes`);
    expect(flashes(page.text)).toContain('Referatet er gemt.');
    expect(fieldValue(page.text, 'free_text')).toBe('Velkommen til Åse.');
    expect(fieldValue(page.text, 'next_meeting')).toBe('aftales nærmere');
  });

  it('refuses too long text with 422 beside the field, keeps the input and saves nothing', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/minutes`, { free_text: 'Beholdes', next_meeting: 'x'.repeat(1001) });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'next_meeting')).toBe('Højst 1000 tegn');
    expect(fieldValue(res.text, 'free_text')).toBe('Beholdes');
    expect(await minutesRow(db, meeting)).toBeUndefined();
  });
});

describe('sending the minutes for approval', () => {
  it('needs the meeting to be held first', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/minutes/send`);
    expect(res.headers.location).toBe(`/meetings/${meeting}/minutes`);
    expect(flashes((await k.agent.get(res.headers.location)).text)).toEqual(['Markér mødet som afholdt, før referatet sendes til godkendelse.']);
    expect(await minutesRow(db, meeting)).toBeUndefined();
    expect(await countRows(db, 'minutes_versions')).toBe(0);
  });

  it('freezes version 1 and asks each party for approval', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db, { title: 'Afholdt møde' });
    const k = await signedIn(t.app, t.db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/minutes/send`);
    expect(res.status).toBe(303);
    expect(await minutesRow(t.db, meeting)).toMatchObject({ status: 'til_godkendelse', version: 1 });
    const version = await t.db.selectFrom('minutes_versions').selectAll().executeTakeFirstOrThrow();
    expect(version).toMatchObject({ version: 1, sent_by: k.userId, sent_at: '2026-11-24T10:00:00.000Z', locked_at: null });
    expect(JSON.parse(version.document)).toMatchObject({ title: 'Afholdt møde', version: 1 });

    const page = await k.agent.get(`/meetings/${meeting}/minutes`);
    expect(flashes(page.text)).toContain('Referatet er sendt til godkendelse hos parterne.');
    expect(page.text).toContain('<li>Hedensted Kommune: afventer</li>');
    expect(page.text).toContain('<li>FOA: afventer</li>');
    expect(page.text).toContain('Træk tilbage til kladde');
    expect(page.text).not.toContain('Godkend for'); // the consultant approves for no one

    const again = await k.post(`/meetings/${meeting}/minutes/send`);
    expect(again.status).toBe(303);
    expect(flashes((await k.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Referatet er allerede sendt til godkendelse.']);
    expect(await countRows(t.db, 'minutes_versions')).toBe(1);
  });
});

describe('approving the minutes', () => {
  it('records one approval per party, and locks the minutes when every party has approved', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const { foa, kommune } = await parties(t);
    const foaPage = await foa.agent.get(`/meetings/${meeting}/minutes`);
    expect(foaPage.text).toContain('Godkend for FOA');

    t.clock.set('2026-11-24T11:15:00.000Z');
    expect((await foa.post(`/meetings/${meeting}/minutes/approve`)).status).toBe(303);
    expect(await approvals(t.db)).toEqual([{ version: 1, party: 'FOA', person: 'Hanne M. Petersen', approved_at: '2026-11-24T11:15:00.000Z' }]);
    const after = await foa.agent.get(`/meetings/${meeting}/minutes`);
    expect(flashes(after.text)).toEqual(['Referatet er godkendt for din part.']);
    expect(after.text).toContain('<li>FOA: godkendt af Hanne M. Petersen tirsdag 24. november 2026 kl. 12.15</li>');
    expect(after.text).toContain('FOA har godkendt denne version.');
    expect((await minutesRow(t.db, meeting))!.status).toBe('til_godkendelse');

    expect((await kommune.agent.get(`/meetings/${meeting}/minutes`)).text).toContain('Godkend for Hedensted Kommune');
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    expect(flashes((await kommune.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Referatet er godkendt af alle parter og nu låst.']);
    expect((await minutesRow(t.db, meeting))!.status).toBe('godkendt');
    expect((await t.db.selectFrom('minutes_versions').select('locked_at').executeTakeFirstOrThrow()).locked_at).toBe('2026-11-24T11:15:00.000Z');
    const final = await kommune.agent.get(`/meetings/${meeting}/minutes`);
    expect(final.text).toContain('Referatet er godkendt af alle parter og låst.');
    expect(final.text).not.toContain('UDKAST');
  });

  it('changes nothing when the same party approves twice, also by another of its representatives', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const { foa } = await parties(t);
    const per = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Per Lange' }); // also FOA
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    expect(flashes((await foa.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Din part har allerede godkendt denne version.']);
    await per.post(`/meetings/${meeting}/minutes/approve`);
    expect(await approvals(t.db)).toHaveLength(1);
    expect((await minutesRow(t.db, meeting))!.status).toBe('til_godkendelse');
  });

  it('answers 403 to a representative who is not a representative member of the partnership, or not of a party', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const signatory = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Dennis Kristensen' }); // FOA, not a representative
    const plejecenter = await signedIn(t.app, t.db, 'repraesentant', { organisationName: 'Plejecentret i Uldum' });
    const nobody = await signedIn(t.app, t.db, 'repraesentant');
    for (const who of [signatory, plejecenter, nobody]) {
      const res = await who.post(`/meetings/${meeting}/minutes/approve`);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Kun en repræsentant for en af partnerskabets parter kan godkende referatet');
      expect((await who.agent.get(`/meetings/${meeting}/minutes`)).text).not.toContain('Godkend for');
    }
    expect(await countRows(t.db, 'minutes_approvals')).toBe(0);
  });

  it('lets an administrator who represents a party approve for that party only', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const admin = await signedIn(t.app, t.db, 'admin', { personName: 'Per Lange' });
    expect((await admin.post(`/meetings/${meeting}/minutes/approve`)).status).toBe(303);
    const [row] = await t.db.selectFrom('minutes_approvals').selectAll().execute();
    expect(row.organisation_id).toBe(await organisationId(t.db, 'FOA'));
  });

  it('says so when the minutes have not been sent for approval', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db);
    const { foa } = await parties(t);
    const res = await foa.post(`/meetings/${meeting}/minutes/approve`);
    expect(res.headers.location).toBe(`/meetings/${meeting}/minutes`);
    expect(flashes((await foa.agent.get(res.headers.location)).text)).toEqual(['Referatet er ikke sendt til godkendelse.']);
    expect(await countRows(t.db, 'minutes_approvals')).toBe(0);
  });
});

describe('withdrawing the minutes', () => {
  it('takes them back to draft and clears the approvals of that version', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const { foa } = await parties(t);
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    const k = await signedIn(t.app, t.db, 'konsulent');
    expect((await k.post(`/meetings/${meeting}/minutes/withdraw`)).status).toBe(303);
    expect(await minutesRow(t.db, meeting)).toMatchObject({ status: 'kladde', version: 1 });
    expect(await countRows(t.db, 'minutes_approvals')).toBe(0);
    expect(flashes((await k.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual([
      'Referatet er trukket tilbage til kladde. Godkendelserne af denne version er nulstillet.',
    ]);
  });

  it('cannot withdraw a draft or approved minutes', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    await k.post(`/meetings/${meeting}/minutes/withdraw`);
    expect(flashes((await k.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Kun et referat, der er sendt til godkendelse, kan trækkes tilbage.']);

    const approved = await aMeetingAwaitingApproval(t.db);
    const { foa, kommune } = await parties(t);
    await foa.post(`/meetings/${approved}/minutes/approve`);
    await kommune.post(`/meetings/${approved}/minutes/approve`);
    await k.post(`/meetings/${approved}/minutes/withdraw`);
    expect(flashes((await k.agent.get(`/meetings/${approved}/minutes`)).text)).toEqual(['Kun et referat, der er sendt til godkendelse, kan trækkes tilbage.']);
    expect((await minutesRow(t.db, approved))!.status).toBe('godkendt');
    expect(await countRows(t.db, 'minutes_approvals')).toBe(2);
  });
});

describe('correcting approved minutes', () => {
  async function approvedMeeting(t: TestApp) {
    const meeting = await aHeldMeeting(t.db, { kind: 'workshop' });
    const item = await anAgendaItem(t.db, meeting, { title: 'Frivillige', decision: 'Vi afprøver i 8 uger.' });
    const k = await signedIn(t.app, t.db, 'konsulent');
    await k.post(`/meetings/${meeting}/minutes/send`);
    const p = await parties(t);
    t.clock.set('2026-11-24T12:00:00.000Z'); // sessions last 12 hours, so all within one day
    await p.foa.post(`/meetings/${meeting}/minutes/approve`);
    t.clock.set('2026-11-24T14:30:00.000Z');
    await p.kommune.post(`/meetings/${meeting}/minutes/approve`);
    return { meeting, item, k, ...p };
  }

  it('needs a change note (422 beside the field) and keeps the approved version as it is', async () => {
    const t = await testApp();
    const { meeting, k } = await approvedMeeting(t);
    const res = await k.post(`/meetings/${meeting}/minutes/correct`, { change_note: ' ' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'change_note')).toBe('Beskriv, hvad der rettes i den nye version');
    expect(await minutesRow(t.db, meeting)).toMatchObject({ status: 'godkendt', version: 1 });
  });

  it('can only correct approved minutes', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    await k.post(`/meetings/${meeting}/minutes/correct`, { change_note: 'For tidligt' });
    expect(flashes((await k.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Kun et godkendt referat kan rettes i en ny version.']);
    expect(await minutesRow(t.db, meeting)).toMatchObject({ status: 'til_godkendelse', version: 1 });
  });

  it('creates version 2 as a draft; version 1 stays readable with who approved for which party and when', async () => {
    const t = await testApp();
    const { meeting, item, k, foa, kommune } = await approvedMeeting(t);
    const res = await k.post(`/meetings/${meeting}/minutes/correct`, { change_note: 'Perioden var 6 uger, ikke 8' });
    expect(res.status).toBe(303);
    expect(await minutesRow(t.db, meeting)).toMatchObject({ status: 'kladde', version: 2, change_note: 'Perioden var 6 uger, ikke 8' });
    expect(flashes((await k.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual([
      'Version 2 er oprettet som kladde. Ret mødets indhold og send den til godkendelse igen.',
    ]);
    await k.post(`/meetings/${meeting}/agenda/${item}`, { title: 'Frivillige', kind: 'beslutning', decision: 'Vi afprøver i 6 uger.' });

    const v1 = await foa.agent.get(`/meetings/${meeting}/minutes/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.text).toContain('Referat, version 1');
    expect(v1.text).toContain('Vi afprøver i 8 uger.');
    expect(v1.text).not.toContain('Vi afprøver i 6 uger.');
    expect(v1.text).toContain('<li>FOA: godkendt af Hanne M. Petersen tirsdag 24. november 2026 kl. 13.00</li>');
    expect(v1.text).toContain('<li>Hedensted Kommune: godkendt af René G. Nielsen tirsdag 24. november 2026 kl. 15.30</li>');
    expect(v1.text).toContain('Godkendt af alle parter og låst tirsdag 24. november 2026 kl. 15.30.');
    // Version 2 has not been sent, so it has no frozen page yet.
    expect((await foa.agent.get(`/meetings/${meeting}/minutes/versions/2`)).status).toBe(404);

    await k.post(`/meetings/${meeting}/minutes/send`);
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    expect((await minutesRow(t.db, meeting))!.status).toBe('til_godkendelse'); // FOA alone is not enough
    const dashboard = await kommune.agent.get('/');
    expect(dashboard.text).toContain(`href="/meetings/${meeting}/minutes"`);
    expect(dashboard.text).toContain('· version 2');
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    expect(await minutesRow(t.db, meeting)).toMatchObject({ status: 'godkendt', version: 2 });
    expect((await approvals(t.db)).map((a) => [a.version, a.party])).toEqual([
      [1, 'FOA'],
      [1, 'Hedensted Kommune'],
      [2, 'FOA'],
      [2, 'Hedensted Kommune'],
    ]);

    const page = await k.agent.get(`/meetings/${meeting}/minutes`);
    expect(page.text).toContain('Vi afprøver i 6 uger.');
    expect(page.text).toContain('Version 2 – ændret: Perioden var 6 uger, ikke 8');
    expect(page.text).toContain(`href="/meetings/${meeting}/minutes/versions/1">Version 1</a> (låst)`);
    expect(page.text).toContain(`href="/meetings/${meeting}/minutes/versions/2">Version 2</a> (låst)`);
    expect((await k.agent.get(`/meetings/${meeting}/minutes/versions/1`)).text).toContain('Vi afprøver i 8 uger.');
  });
});

describe('comments on the minutes', () => {
  it('lets a representative and the consultant comment on the draft and on minutes awaiting approval', async () => {
    const t = await testApp();
    const draft = await aMeeting(t.db);
    const sent = await aMeetingAwaitingApproval(t.db);
    const { foa } = await parties(t);
    expect((await foa.post(`/meetings/${draft}/minutes/comments`, { body: 'Punkt 2 mangler.' })).status).toBe(303);
    const res = await foa.post(`/meetings/${sent}/minutes/comments`, { body: 'Ret stavefejl i punkt 1.' });
    expect(res.headers.location).toBe(`/meetings/${sent}/minutes#comments-heading`);
    const k = await signedIn(t.app, t.db, 'konsulent');
    expect((await k.post(`/meetings/${sent}/minutes/comments`, { body: 'Rettes i næste version.' })).status).toBe(303);
    const rows = await t.db.selectFrom('comments').select(['target_type', 'target_id', 'person_id', 'body']).orderBy('id').execute();
    expect(rows).toEqual([
      { target_type: 'minutes', target_id: draft, person_id: foa.personId, body: 'Punkt 2 mangler.' },
      { target_type: 'minutes', target_id: sent, person_id: foa.personId, body: 'Ret stavefejl i punkt 1.' },
      { target_type: 'minutes', target_id: sent, person_id: k.personId, body: 'Rettes i næste version.' },
    ]);
    expect((await foa.agent.get(`/meetings/${sent}/minutes`)).text).toContain('Ret stavefejl i punkt 1.');
  });

  it('refuses a comment on approved minutes with a message, and an empty one with 422', async () => {
    const t = await testApp();
    const meeting = await aMeetingAwaitingApproval(t.db);
    const { foa, kommune } = await parties(t);
    const empty = await foa.post(`/meetings/${meeting}/minutes/comments`, { body: '' });
    expect(empty.status).toBe(422);
    expect(fieldError(empty.text, 'body')).toBe('Skriv en kommentar');
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    const late = await foa.post(`/meetings/${meeting}/minutes/comments`, { body: 'For sent' });
    expect(late.headers.location).toBe(`/meetings/${meeting}/minutes`);
    expect(flashes((await foa.agent.get(late.headers.location)).text)).toEqual(['Et godkendt referat kan ikke kommenteres. Kommentér mødet i stedet.']);
    expect(await countRows(t.db, 'comments')).toBe(0);
  });
});
