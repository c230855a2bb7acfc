// The consultant's day through HTTP: plan, invite, agenda, attendance, decisions, actions,
// minutes for approval; both parties approve; the minutes are locked.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { CONSULTANT_NAME } from '../../seeds/partnership';

async function personId(db: Awaited<ReturnType<typeof testApp>>['db'], name: string) {
  return (await db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

describe('a partnership meeting from plan to approved minutes', () => {
  it('walks through the whole flow', async () => {
    const { app, db } = await testApp();
    const consultant = await signedIn(app, db, 'konsulent', { personName: CONSULTANT_NAME });
    const foa = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const kommune = await signedIn(app, db, 'repraesentant', { personName: 'René G. Nielsen' });
    const partnership = await db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();

    const form = await consultant.agent.get('/meetings/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Hanne M. Petersen');
    const hanne = await personId(db, 'Hanne M. Petersen');
    const rene = await personId(db, 'René G. Nielsen');
    const created = await consultant.post('/meetings', {
      partnership_id: String(partnership.id),
      title: 'Partnerskabsmøde om frivillige på plejecentret',
      kind: 'partnerskabsmoede',
      day: '2026-11-24',
      start_time: '14:00',
      end_time: '16:00',
      place: 'Uldum Skole, lærerværelset',
      convener_id: String(await personId(db, CONSULTANT_NAME)),
      chair_id: String(rene),
      minute_taker_id: String(await personId(db, CONSULTANT_NAME)),
      participant_ids: [String(hanne), String(rene)],
    });
    expect(created.status).toBe(303);
    const meetingId = Number(created.headers.location.split('/').pop());
    const page = await consultant.agent.get(`/meetings/${meetingId}`);
    expect(page.text).toContain('tirsdag 24. november 2026 kl. 14.00–16.00');
    expect(page.text).toContain('Opfølgning fra sidste møde');

    const item = await consultant.post(`/meetings/${meetingId}/agenda`, {
      title: 'Frivillige i frugtordningen',
      kind: 'beslutning',
      background: 'Skolen ønsker frivillige.\nTo forældre har meldt sig.',
      discussion: 'Drøftet: tavshedspligt og ledelse af frivillige.',
      decision: 'Vi afprøver ordningen i 8 uger.',
    });
    expect(item.status).toBe(303);
    const itemRow = await db.selectFrom('agenda_items').select('id').where('title', '=', 'Frivillige i frugtordningen').executeTakeFirstOrThrow();

    await consultant.post(`/meetings/${meetingId}/attendance`, { [`attendance_${hanne}`]: 'deltog', [`attendance_${rene}`]: 'afbud' });
    for (const text of ['Indkald frivillige til møde', 'Skriv aftale om tavshedspligt']) {
      const res = await consultant.post(`/meetings/${meetingId}/actions`, {
        text,
        owner_id: String(hanne),
        due_date: '2026-12-15',
        status: 'aaben',
        agenda_item_id: String(itemRow.id),
      });
      expect(res.status).toBe(303);
    }
    expect((await consultant.post(`/meetings/${meetingId}/held`)).status).toBe(303);
    await consultant.post(`/meetings/${meetingId}/minutes`, { free_text: 'Velkommen til Åse.', next_meeting: 'aftales nærmere' });
    const sent = await consultant.post(`/meetings/${meetingId}/minutes/send`);
    expect(sent.status).toBe(303);
    expect((await db.selectFrom('minutes').select('status').executeTakeFirstOrThrow()).status).toBe('til_godkendelse');

    const foaPage = await foa.agent.get(`/meetings/${meetingId}/minutes`);
    expect(foaPage.text).toContain('Godkend for FOA');
    expect((await foa.post(`/meetings/${meetingId}/minutes/approve`)).status).toBe(303);
    const kommunePage = await kommune.agent.get(`/meetings/${meetingId}/minutes`);
    expect(kommunePage.text).toContain('Godkend for Hedensted Kommune');
    await kommune.post(`/meetings/${meetingId}/minutes/approve`);

    const final = await consultant.agent.get(`/meetings/${meetingId}/minutes`);
    expect(final.text).toContain('Referatet er godkendt af alle parter og låst');
    expect(final.text).toContain('Vi afprøver ordningen i 8 uger.');
    expect(final.text).toContain('Skriv aftale om tavshedspligt');
    expect(final.text).toMatch(/FOA: godkendt af Hanne M. Petersen/);
    const locked = await consultant.post(`/meetings/${meetingId}/agenda`, { title: 'Sent punkt', kind: 'orientering' });
    expect(locked.status).toBe(303);
    expect(await db.selectFrom('agenda_items').select('id').where('title', '=', 'Sent punkt').executeTakeFirst()).toBeUndefined();
  });
});
