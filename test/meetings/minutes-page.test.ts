// What a person sees on the minutes page through the whole workflow: never a false error, the
// typed text kept when it is sent for approval in the same step, a correction's error shown open.
import type { AppRole } from '../../server/db/schema';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { aHeldMeeting, aMeeting, anAgendaItem } from '../helpers/factories';
import { fieldError, flashes } from '../helpers/html';

const FORM_ERROR = 'Formularen indeholder fejl';

function expectNoError(html: string) {
  expect(html).not.toContain(FORM_ERROR);
  expect(html).not.toMatch(/role="alert"/);
  expect(html).not.toMatch(/<title>Fejl: /);
}

async function page(user: SignedIn, meetingId: number): Promise<string> {
  const res = await user.agent.get(`/meetings/${meetingId}/minutes`);
  expect(res.status).toBe(200);
  return res.text;
}

async function parties(t: TestApp) {
  return {
    foa: await signedIn(t.app, t.db, 'repraesentant', { personName: 'Hanne M. Petersen' }),
    kommune: await signedIn(t.app, t.db, 'repraesentant', { personName: 'René G. Nielsen' }),
  };
}

describe('the minutes page shows no error where nothing failed', () => {
  it.each<AppRole>(['admin', 'konsulent', 'repraesentant', 'laeser'])('on a plain visit by %s', async (role) => {
    const t = await testApp();
    const meeting = await aMeeting(t.db);
    expectNoError(await page(await signedIn(t.app, t.db, role), meeting));
  });

  it('after saving, sending, approving, withdrawing and correcting: only the green message', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const { foa, kommune } = await parties(t);

    const steps: Array<[SignedIn, string, Record<string, string>, string]> = [
      [k, '', { free_text: 'Velkommen.', next_meeting: 'aftales nærmere', intent: 'save' }, 'Referatet er gemt.'],
      [k, '', { free_text: 'Velkommen.', next_meeting: 'aftales nærmere', intent: 'send' }, 'Referatet er gemt og sendt til godkendelse hos parterne.'],
      [foa, '/approve', {}, 'Referatet er godkendt for din part.'],
      [k, '/withdraw', {}, 'Referatet er trukket tilbage til kladde. Godkendelserne af denne version er nulstillet.'],
      [k, '', { free_text: 'Velkommen igen.', next_meeting: '', intent: 'send' }, 'Referatet er gemt og sendt til godkendelse hos parterne.'],
      [foa, '/approve', {}, 'Referatet er godkendt for din part.'],
      [kommune, '/approve', {}, 'Referatet er godkendt af alle parter og nu låst.'],
      [k, '/correct', { change_note: 'Stavefejl i punkt 1' }, 'Version 2 er oprettet som kladde. Ret mødets indhold og send den til godkendelse igen.'],
    ];
    for (const [user, path, form, message] of steps) {
      const res = await user.post(`/meetings/${meeting}/minutes${path}`, form);
      expect([path, res.status]).toEqual([path, 303]);
      const html = await page(user, meeting);
      // Besides the green message, the konsulent is told who gets no e-mail (test/notifications/).
      expect(flashes(html).filter((f) => !f.includes('har ingen e-mailadresse og får ikke besked'))).toEqual([message]);
      expectNoError(html);
    }
  });
});

describe('one form with "Gem" and "Gem og send til godkendelse"', () => {
  it('has both buttons in the form with the text fields', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db);
    const html = await page(await signedIn(t.app, t.db, 'konsulent'), meeting);
    const form = /<form method="post" action="\/meetings\/\d+\/minutes" [^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
    expect(form).toContain('name="free_text"');
    expect(form).toContain('name="next_meeting"');
    expect(form).toMatch(/<button type="submit" name="intent" value="save">Gem<\/button>/);
    expect(form).toMatch(/<button type="submit" name="intent" value="send"[^>]*>Gem og send til godkendelse<\/button>/);
  });

  it('keeps what was typed when it is sent in the same step: the frozen version holds the text', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db);
    await anAgendaItem(t.db, meeting, { title: 'Frivillige' });
    const k = await signedIn(t.app, t.db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/minutes`, { free_text: 'Skrevet lige før afsendelse.', next_meeting: 'Tirsdag 19. januar kl. 14', intent: 'send' });
    expect(res.status).toBe(303);
    const minutes = await t.db.selectFrom('minutes').selectAll().where('meeting_id', '=', meeting).executeTakeFirstOrThrow();
    expect(minutes).toMatchObject({ status: 'til_godkendelse', free_text: 'Skrevet lige før afsendelse.', next_meeting: 'Tirsdag 19. januar kl. 14' });
    const version = await t.db.selectFrom('minutes_versions').select('document').where('minutes_id', '=', minutes.id).executeTakeFirstOrThrow();
    expect(JSON.parse(version.document)).toMatchObject({ freeText: 'Skrevet lige før afsendelse.', nextMeeting: 'Tirsdag 19. januar kl. 14' });
    expect(await page(k, meeting)).toContain('Skrevet lige før afsendelse.');
  });

  it('saves the text even when sending is refused (meeting not held), and says why', async () => {
    const t = await testApp();
    const meeting = await aMeeting(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/minutes`, { free_text: 'Må ikke gå tabt.', next_meeting: '', intent: 'send' });
    expect(res.status).toBe(303);
    const html = await page(k, meeting);
    expect(flashes(html)).toEqual(['Markér mødet som afholdt, før referatet sendes til godkendelse.']);
    expect(html).toContain('Må ikke gå tabt.');
  });
});

describe('a failed correction', () => {
  it('answers 422 with its details open, the error beside the field and the summary', async () => {
    const t = await testApp();
    const meeting = await aHeldMeeting(t.db);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const { foa, kommune } = await parties(t);
    await k.post(`/meetings/${meeting}/minutes/send`);
    await foa.post(`/meetings/${meeting}/minutes/approve`);
    await kommune.post(`/meetings/${meeting}/minutes/approve`);
    const res = await k.post(`/meetings/${meeting}/minutes/correct`, { change_note: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(FORM_ERROR);
    expect(res.text).toMatch(/<details class="correction" open>/);
    expect(fieldError(res.text, 'change_note')).toBe('Beskriv, hvad der rettes i den nye version');
  });
});
