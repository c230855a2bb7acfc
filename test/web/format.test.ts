import {
  copenhagenDay,
  formatCount,
  formatDateTime,
  formatDay,
  formatIsoDay,
  formatPeriod,
  formatShortDateTime,
  formatTime,
} from '../../server/web/format';

describe('Danish formatting in Europe/Copenhagen', () => {
  it('formats a meeting period on one day', () => {
    expect(formatPeriod('2026-11-24T13:00:00Z', '2026-11-24T15:00:00Z')).toBe('tirsdag 24. november 2026 kl. 14.00–16.00');
    expect(formatPeriod(new Date('2026-11-24T13:00:00Z'), new Date('2026-11-24T15:30:00Z'))).toBe('tirsdag 24. november 2026 kl. 14.00–16.30');
  });

  it('names both days when a period passes midnight', () => {
    expect(formatPeriod('2026-11-24T21:00:00Z', '2026-11-24T23:30:00Z')).toBe('tirsdag 24. november 2026 kl. 22.00 – onsdag 25. november 2026 kl. 00.30');
  });

  it('follows the change to summer time on 29 March 2026', () => {
    expect(formatDateTime('2026-03-28T12:00:00Z')).toBe('lørdag 28. marts 2026 kl. 13.00');
    expect(formatDateTime('2026-03-29T12:00:00Z')).toBe('søndag 29. marts 2026 kl. 14.00');
    // 01.59 winter time is followed by 03.00 summer time.
    expect(formatTime('2026-03-29T00:59:00Z')).toBe('01.59');
    expect(formatTime('2026-03-29T01:00:00Z')).toBe('03.00');
    expect(formatPeriod('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z')).toBe('søndag 29. marts 2026 kl. 01.30–03.30');
    // Four hours from midnight end at 05.00 local time.
    expect(formatPeriod('2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')).toBe('søndag 29. marts 2026 kl. 00.00–05.00');
  });

  it('follows the change back to winter time on 25 October 2026', () => {
    expect(formatDateTime('2026-10-24T12:00:00Z')).toBe('lørdag 24. oktober 2026 kl. 14.00');
    expect(formatDateTime('2026-10-25T12:00:00Z')).toBe('søndag 25. oktober 2026 kl. 13.00');
    // 02.59 summer time is followed by 02.00 winter time.
    expect(formatTime('2026-10-25T00:59:00Z')).toBe('02.59');
    expect(formatTime('2026-10-25T01:00:00Z')).toBe('02.00');
    // Four hours from midnight end at 03.00 local time, not 04.00.
    expect(formatPeriod('2026-10-24T22:00:00Z', '2026-10-25T02:00:00Z')).toBe('søndag 25. oktober 2026 kl. 00.00–03.00');
  });

  it('formats days with æ, ø and å in their names', () => {
    expect(formatDay('2026-11-28T12:00:00Z')).toBe('lørdag 28. november 2026');
    expect(formatDay('2026-11-29T12:00:00Z')).toBe('søndag 29. november 2026');
  });

  it('formats a stored day and a short instant', () => {
    expect(formatIsoDay('2026-09-01')).toBe('01.09.2026');
    expect(formatIsoDay(null)).toBe('');
    expect(formatIsoDay('ukendt')).toBe('ukendt');
    expect(formatShortDateTime('2026-03-05T08:05:00Z')).toBe('05.03.2026 09.05');
    expect(formatShortDateTime('2026-07-05T08:05:00Z')).toBe('05.07.2026 10.05');
    expect(formatShortDateTime(null)).toBe('');
  });

  it('gives the Copenhagen date, which differs from the UTC date late in the evening', () => {
    expect(copenhagenDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(copenhagenDay(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(copenhagenDay(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});

describe('counts with a noun', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(formatCount(1, 'åbent punkt', 'åbne punkter')).toBe('1 åbent punkt');
    expect(formatCount(2, 'åbent punkt', 'åbne punkter')).toBe('2 åbne punkter');
    expect(formatCount(0, 'møde', 'møder')).toBe('0 møder');
  });
});
