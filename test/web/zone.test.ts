// The arithmetic Copenhagen wall clock must agree with Intl at every quarter hour across two
// years, summer-time changes included, and the Danish formats built on it must stay as before.
import { wallClock } from '../../server/web/zone';
import { copenhagenDay, formatDateTime, formatShortDateTime } from '../../server/web/format';
import { utcToCopenhagen } from '../../server/web/time';

const intl = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
});

function intlParts(at: Date) {
  const p: Record<string, string> = {};
  for (const part of intl.formatToParts(at)) p[part.type] = part.value;
  return p;
}

describe('wallClock', () => {
  it('agrees with Intl at every quarter hour of 2025 and 2026', () => {
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000) {
      const at = new Date(ms);
      const w = wallClock(at);
      const p = intlParts(at);
      const expected = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.weekday}`;
      const actual = `${w.isoDay} ${w.isoTime} ${weekdays[w.weekday]}`;
      if (actual !== expected) mismatches.push(`${at.toISOString()}: ${actual} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('moves from 01:59 UTC+1 to 03:00 UTC+2 on 29 March 2026 and back on 25 October 2026', () => {
    expect(utcToCopenhagen('2026-03-29T00:59:00Z')).toEqual({ day: '2026-03-29', time: '01:59' });
    expect(utcToCopenhagen('2026-03-29T01:00:00Z')).toEqual({ day: '2026-03-29', time: '03:00' });
    expect(utcToCopenhagen('2026-10-25T00:30:00Z')).toEqual({ day: '2026-10-25', time: '02:30' });
    expect(utcToCopenhagen('2026-10-25T01:30:00Z')).toEqual({ day: '2026-10-25', time: '02:30' });
    expect(utcToCopenhagen('2026-10-25T02:00:00Z')).toEqual({ day: '2026-10-25', time: '03:00' });
  });

  it('formats Danish dates with æøå and the right day across midnight', () => {
    expect(formatDateTime('2026-11-24T13:05:00Z')).toBe('tirsdag 24. november 2026 kl. 14.05');
    expect(formatDateTime('2026-05-02T22:30:00Z')).toBe('søndag 3. maj 2026 kl. 00.30');
    expect(formatDateTime('2026-03-06T11:00:00Z')).toBe('fredag 6. marts 2026 kl. 12.00');
    expect(formatDateTime('2026-03-07T11:00:00Z')).toBe('lørdag 7. marts 2026 kl. 12.00');
    expect(formatShortDateTime('2026-07-01T06:07:00Z')).toBe('01.07.2026 08.07');
    expect(copenhagenDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('rejects an invalid date as Intl did', () => {
    expect(() => utcToCopenhagen('ikke en dato')).toThrow(RangeError);
  });
});
