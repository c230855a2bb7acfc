// The calendar feed /meetings.ics?token=…: reached by a calendar program without a session, by a
// per-user secret made and renewed on the profile page.
import request from 'supertest';
import type { Express } from 'express';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, aPerson } from '../helpers/factories';
import { updateAccount } from '../../server/accounts/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { flashes } from '../helpers/html';
import { ESCAPE, parseCalendar, unfold } from './fixture';

/** Makes (or renews) the user's feed address on the profile page and reads it back from there. */
async function feedToken(user: SignedIn): Promise<string> {
  const res = await user.post('/profile/calendar-token');
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/profile#kalender');
  const page = await user.agent.get('/profile');
  expect(flashes(page.text)).toContain('Du har fået en ny kalenderadresse. Den gamle virker ikke længere.');
  const m = /id="calendar-url" value="https?:\/\/[^"/]+\/meetings\.ics\?token=([A-Za-z0-9_-]+)"/.exec(page.text);
  expect(m).not.toBeNull();
  return m![1];
}

/** The feed as a calendar program fetches it: no cookie, no session. */
function fetchFeed(app: Express, query: string) {
  return request(app).get(`/meetings.ics${query}`);
}

async function withMeetings(db: Parameters<typeof aMeeting>[0]) {
  const aase = await aPerson(db, { name: 'Åse Ærbødig', email: 'aase@uldum.dk' });
  const summer = await aMeeting(db, { title: `Sommermøde på Ærø ${ESCAPE}`, day: '2026-06-10', start_time: '14:00', end_time: '16:00', participant_ids: [aase] });
  const winter = await aMeeting(db, { title: 'Vintermøde i Uldum', day: '2026-12-08', start_time: '14:00', end_time: '16:00', participant_ids: [aase] });
  return { summer, winter };
}

describe('/meetings.ics feed', () => {
  it('serves every meeting to the token holder without a session', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const { summer, winter } = await withMeetings(db);
    const page = await user.agent.get('/profile');
    expect(page.text).toContain('Du har ingen kalenderadresse endnu.');
    const token = await feedToken(user);

    const res = await fetchFeed(app, `?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    const { calendar, events } = parseCalendar(res.text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const byUid = new Map(events.map((e) => [e.getFirstPropertyValue('uid'), e]));
    expect(byUid.size).toBe(2);
    const titles = events.map((e) => e.getFirstPropertyValue('summary'));
    expect(titles).toEqual([`Sommermøde på Ærø ${ESCAPE}`, 'Vintermøde i Uldum']);
    const starts = events.map((e) => (e.getFirstPropertyValue('dtstart') as unknown as { toJSDate(): Date }).toJSDate().toISOString());
    expect(starts).toEqual(['2026-06-10T12:00:00.000Z', '2026-12-08T13:00:00.000Z']);
    expect(events.flatMap((e) => e.getAllProperties('attendee'))).toEqual([]); // a feed asks nobody to reply
    expect(events.map((e) => (e.getFirstPropertyValue('description') as string).includes('Inviterede: Åse'))).toEqual([true, true]);

    // The same UIDs as the single invitations, so a subscribed calendar does not double them.
    for (const id of [summer, winter]) {
      const invite = parseCalendar((await user.agent.get(`/meetings/${id}/invite.ics`)).text);
      expect(byUid.has(invite.event.getFirstPropertyValue('uid'))).toBe(true);
    }
  });

  it('shows a cancelled meeting as cancelled', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const { winter } = await withMeetings(db);
    await user.post(`/meetings/${winter}/cancel`, { cancel_reason: 'Sygdom' });
    const { events } = parseCalendar((await fetchFeed(app, `?token=${await feedToken(user)}`)).text);
    const statuses = Object.fromEntries(events.map((e) => [e.getFirstPropertyValue('summary'), e.getFirstPropertyValue('status')]));
    expect(statuses['Vintermøde i Uldum']).toBe('CANCELLED');
    expect(statuses[`Sommermøde på Ærø ${ESCAPE}`]).toBe('CONFIRMED');
  });

  it("gives a læser's feed no e-mail addresses", async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    await withMeetings(db);
    const res = await fetchFeed(app, `?token=${await feedToken(reader)}`);
    expect(res.status).toBe(200);
    expect(parseCalendar(res.text).events).toHaveLength(2);
    expect(unfold(res.text)).not.toMatch(/mailto:|aase@uldum\.dk/);
  });

  it('answers 404 without a token or with a wrong one', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    await withMeetings(db);
    const token = await feedToken(user);
    expect((await fetchFeed(app, '')).status).toBe(404);
    expect((await fetchFeed(app, '?token=')).status).toBe(404);
    expect((await fetchFeed(app, '?token=x')).status).toBe(404);
    const wrong = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    const res = await fetchFeed(app, `?token=${wrong}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('BEGIN:VCALENDAR');
    expect((await fetchFeed(app, `?token=${token}&token=${token}`)).status).toBe(404);
  });

  it('stops the old address when the token is renewed', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    await withMeetings(db);
    const old = await feedToken(user);
    expect((await fetchFeed(app, `?token=${old}`)).status).toBe(200);
    const renewed = await feedToken(user);
    expect(renewed).not.toBe(old);
    expect((await fetchFeed(app, `?token=${old}`)).status).toBe(404);
    expect((await fetchFeed(app, `?token=${renewed}`)).status).toBe(200);
  });

  it("stops working when the user's account is disabled", async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    await withMeetings(db);
    const token = await feedToken(user);
    expect((await fetchFeed(app, `?token=${token}`)).status).toBe(200);
    await updateAccount(db, user.userId, { role: 'repraesentant', disabled: true }, SYSTEM_ACTOR, new Date('2026-11-24T10:00:00Z'));
    expect((await fetchFeed(app, `?token=${token}`)).status).toBe(404);
  });

  it('renewing needs a signed-in user and the CSRF token', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const anonymous = await request(app).post('/profile/calendar-token').type('form').send({});
    expect(anonymous.status).not.toBe(200);
    expect(anonymous.headers.location ?? '').not.toBe('/profile#kalender');
    const noCsrf = await user.agent.post('/profile/calendar-token').type('form').send({});
    expect(noCsrf.status).toBe(403);
    const row = await db.selectFrom('users').select('calendar_token').where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.calendar_token).toBeNull();
  });
});
