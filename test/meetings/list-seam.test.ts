// The meeting list reads upcoming and past meetings as two slices; a page can span the seam.
import { listMeetings } from '../../server/meetings/queries';
import { testApp } from '../helpers/app';
import { aMeeting } from '../helpers/factories';

describe('meeting list across the seam between upcoming and past', () => {
  it('gives every meeting once, upcoming soonest first, then past newest first', async () => {
    const { db } = await testApp();
    const days = ['2026-12-01', '2026-12-15', '2026-11-30']; // upcoming (now is 2026-11-24)
    for (let d = 1; d <= 30; d++) days.push(`2026-10-${String(d).padStart(2, '0')}`); // past
    for (const day of days) await aMeeting(db, { day, title: `Møde ${day}` });
    const now = '2026-11-24T10:00:00.000Z';
    const first = await listMeetings(db, {}, now, 25, 0);
    const second = await listMeetings(db, {}, now, 25, 25);
    const titles = [...first, ...second].map((m) => m.title);
    expect(first).toHaveLength(25);
    expect(second).toHaveLength(8);
    expect(titles.slice(0, 4)).toEqual(['Møde 2026-11-30', 'Møde 2026-12-01', 'Møde 2026-12-15', 'Møde 2026-10-30']);
    expect(titles.at(-1)).toBe('Møde 2026-10-01');
    expect(new Set(titles).size).toBe(33);
    const third = await listMeetings(db, {}, now, 2, 2); // a page that starts in the upcoming slice
    expect(third.map((m) => m.title)).toEqual(['Møde 2026-12-15', 'Møde 2026-10-30']);
  });
});
