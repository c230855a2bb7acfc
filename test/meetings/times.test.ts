// Meeting times: typed as Copenhagen wall-clock time, stored as UTC, shown in Danish —
// in winter (UTC+1), in summer (UTC+2) and on the days the clocks change.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { buildMinutesDocument } from '../../server/meetings/minutes-document';
import { minutesOf } from '../../server/meetings/minutes';
import { createMeeting } from '../../server/meetings/service';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { aMeeting, partnershipId } from '../helpers/factories';
import { fieldValue } from '../helpers/html';

type Db = Awaited<ReturnType<typeof freshDb>>['db'];

async function stored(db: Db, id: number) {
  return db.selectFrom('meetings').select(['starts_at', 'ends_at']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('storing Copenhagen wall-clock time as UTC', () => {
  it.each([
    ['a winter day (UTC+1)', '2026-11-24', '14:00', '16:00', '2026-11-24T13:00:00.000Z', '2026-11-24T15:00:00.000Z', 'tirsdag 24. november 2026 kl. 14.00–16.00'],
    ['a summer day (UTC+2)', '2026-06-10', '14:00', '16:00', '2026-06-10T12:00:00.000Z', '2026-06-10T14:00:00.000Z', 'onsdag 10. juni 2026 kl. 14.00–16.00'],
    ['the day before summer time', '2026-03-28', '14:00', '16:00', '2026-03-28T13:00:00.000Z', '2026-03-28T15:00:00.000Z', 'lørdag 28. marts 2026 kl. 14.00–16.00'],
    ['the day summer time starts', '2026-03-29', '14:00', '16:00', '2026-03-29T12:00:00.000Z', '2026-03-29T14:00:00.000Z', 'søndag 29. marts 2026 kl. 14.00–16.00'],
    ['the last day of summer time', '2026-10-24', '14:00', '16:00', '2026-10-24T12:00:00.000Z', '2026-10-24T14:00:00.000Z', 'lørdag 24. oktober 2026 kl. 14.00–16.00'],
    ['the day summer time ends', '2026-10-25', '14:00', '16:00', '2026-10-25T13:00:00.000Z', '2026-10-25T15:00:00.000Z', 'søndag 25. oktober 2026 kl. 14.00–16.00'],
    // The night the clocks go back: 01.30 summer time to 03.30 winter time lasts three hours.
    ['a night across the autumn change', '2026-10-25', '01:30', '03:30', '2026-10-24T23:30:00.000Z', '2026-10-25T02:30:00.000Z', 'søndag 25. oktober 2026 kl. 01.30–03.30'],
    // The night the clocks go forward: 01.30 winter time to 03.30 summer time lasts one hour.
    ['a night across the spring change', '2026-03-29', '01:30', '03:30', '2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', 'søndag 29. marts 2026 kl. 01.30–03.30'],
  ])('%s', async (_what, day, start, end, startsAt, endsAt, shown) => {
    const { db } = await freshDb();
    const id = await aMeeting(db, { day, start_time: start, end_time: end });
    expect(await stored(db, id)).toEqual({ starts_at: startsAt, ends_at: endsAt });
    const doc = await buildMinutesDocument(db, id, await minutesOf(db, id));
    expect(doc.when).toBe(shown);
    expect(doc.date).toBe(day);
  });

  it('reads a time skipped in spring (02.30) as 03.30 summer time', async () => {
    const { db } = await freshDb();
    const id = await aMeeting(db, { day: '2026-03-29', start_time: '02:30', end_time: '04:00' });
    expect((await stored(db, id)).starts_at).toBe('2026-03-29T01:30:00.000Z');
    expect((await buildMinutesDocument(db, id, await minutesOf(db, id))).when).toBe('søndag 29. marts 2026 kl. 03.30–04.00');
  });

  it('reads a time repeated in autumn (02.30) as its first, summer-time occurrence', async () => {
    const { db } = await freshDb();
    const id = await createMeeting(
      db,
      { partnership_id: await partnershipId(db), title: 'Natmøde', kind: 'andet', day: '2026-10-25', start_time: '02:30', end_time: '02:45', place: '', convener_id: null, chair_id: null, minute_taker_id: null, participant_ids: [] },
      SYSTEM_ACTOR,
      new Date('2026-10-01T00:00:00Z'),
    );
    expect(await stored(db, id)).toEqual({ starts_at: '2026-10-25T00:30:00.000Z', ends_at: '2026-10-25T00:45:00.000Z' });
  });
});

describe('times through the forms and pages', () => {
  it('stores a summer meeting typed in the form as UTC and shows it in Danish', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/meetings', { partnership_id: String(await partnershipId(db)), title: 'Sommermøde', kind: 'workshop', day: '2026-06-10', start_time: '14.00', end_time: '16:30' });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    expect(await stored(db, id)).toEqual({ starts_at: '2026-06-10T12:00:00.000Z', ends_at: '2026-06-10T14:30:00.000Z' });
    expect((await k.agent.get(`/meetings/${id}`)).text).toContain('onsdag 10. juni 2026 kl. 14.00–16.30');
    const edit = await k.agent.get(`/meetings/${id}/edit`);
    expect([fieldValue(edit.text, 'day'), fieldValue(edit.text, 'start_time'), fieldValue(edit.text, 'end_time')]).toEqual(['2026-06-10', '14:00', '16:30']);
  });

  it('moves a meeting from summer into winter time and keeps the wall-clock time', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db, { title: 'Flyttes', day: '2026-10-24' });
    const k = await signedIn(app, db, 'konsulent');
    await k.post(`/meetings/${id}`, { partnership_id: String(await partnershipId(db)), title: 'Flyttes', kind: 'partnerskabsmoede', day: '2026-10-26', start_time: '14:00', end_time: '16:00' });
    expect(await stored(db, id)).toEqual({ starts_at: '2026-10-26T13:00:00.000Z', ends_at: '2026-10-26T15:00:00.000Z' });
    expect((await k.agent.get(`/meetings/${id}`)).text).toContain('mandag 26. oktober 2026 kl. 14.00–16.00');
  });

  it('lists a meeting late in the evening under its Copenhagen day', async () => {
    const { app, db } = await testApp();
    await aMeeting(db, { title: 'Aftenmøde', day: '2026-06-30', start_time: '23:00', end_time: '23:30' }); // 21.00Z
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/meetings');
    expect(res.text).toContain('tirsdag 30. juni 2026 kl. 23.00–23.30');
  });
});
