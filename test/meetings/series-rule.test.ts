// The calendar arithmetic of a meeting series: the nth weekday of a month at month ends and in a
// leap year, every N weeks, the end date and count, the Danish description, the cadence text.
import {
  describeSeries,
  isPastEnd,
  nthWeekdayOfMonth,
  occurrenceAfter,
  occurrenceOnOrAfter,
  weeksFromCadence,
  type SeriesRuleFields,
} from '../../server/meetings/series-rule';

const weekly = (over: Partial<SeriesRuleFields> = {}): SeriesRuleFields => ({
  rule: 'weeks',
  interval_weeks: 6,
  nth: null,
  weekday: 2,
  start_time: '14:00',
  end_time: '16:00',
  first_day: '2027-01-01',
  end_day: null,
  max_count: null,
  ...over,
});
const monthly = (nth: number, weekday: number, over: Partial<SeriesRuleFields> = {}) => weekly({ rule: 'monthly', interval_weeks: null, nth, weekday, ...over });

describe('series rule', () => {
  it('finds the nth weekday of a month, also when the month begins or ends on it', () => {
    expect(nthWeekdayOfMonth(2027, 1, 2, 2)).toBe('2027-01-12'); // 2. tirsdag
    expect(nthWeekdayOfMonth(2027, 2, 1, 1)).toBe('2027-02-01'); // the month begins on a Monday
    expect(nthWeekdayOfMonth(2027, 5, 1, -1)).toBe('2027-05-31'); // ends on one
    expect(nthWeekdayOfMonth(2027, 2, 5, -1)).toBe('2027-02-26'); // last Friday, the month ending on a Sunday
    expect(nthWeekdayOfMonth(2028, 2, 2, -1)).toBe('2028-02-29'); // leap day
    expect(nthWeekdayOfMonth(2028, 2, 4, 4)).toBe('2028-02-24');
    expect(nthWeekdayOfMonth(2027, 12, 5, -1)).toBe('2027-12-31'); // across the year's end
  });

  it('steps month by month with the nth weekday, over the end of a year', () => {
    const s = monthly(-1, 5, { first_day: '2027-11-27' });
    const days = [occurrenceOnOrAfter(s, '2027-11-27')];
    for (let i = 0; i < 3; i++) days.push(occurrenceAfter(s, days[days.length - 1]));
    expect(days).toEqual(['2027-12-31', '2028-01-28', '2028-02-25', '2028-03-31']);
    expect(occurrenceAfter(monthly(2, 2), '2027-01-12')).toBe('2027-02-09');
    expect(occurrenceOnOrAfter(monthly(2, 2), '2027-01-13')).toBe('2027-02-09');
  });

  it('every N weeks from the first such weekday on or after the first day', () => {
    const s = weekly();
    expect(occurrenceOnOrAfter(s, '2026-12-01')).toBe('2027-01-05');
    expect(occurrenceAfter(s, '2027-01-05')).toBe('2027-02-16');
    expect(occurrenceAfter(s, '2027-02-16')).toBe('2027-03-30');
    // A meeting moved off its day: the series goes on from its own days.
    expect(occurrenceAfter(s, '2027-02-18')).toBe('2027-03-30');
    expect(occurrenceAfter(weekly({ interval_weeks: 1 }), '2027-10-26')).toBe('2027-11-02');
  });

  it('ends at the end date (inclusive) or after the count', () => {
    expect(isPastEnd(weekly({ end_day: '2027-03-30' }), '2027-03-30', 10)).toBe(false);
    expect(isPastEnd(weekly({ end_day: '2027-03-30' }), '2027-03-31', 0)).toBe(true);
    expect(isPastEnd(weekly({ max_count: 3 }), '2030-01-01', 2)).toBe(false);
    expect(isPastEnd(weekly({ max_count: 3 }), '2027-01-01', 3)).toBe(true);
  });

  it('reads in Danish', () => {
    expect(describeSeries(weekly())).toBe('Hver 6. uge, tirsdag kl. 14.00–16.00');
    expect(describeSeries(weekly({ interval_weeks: 1, weekday: 7 }))).toBe('Hver uge, søndag kl. 14.00–16.00');
    expect(describeSeries(monthly(2, 2))).toBe('2. tirsdag i måneden kl. 14.00–16.00');
    expect(describeSeries(monthly(-1, 4, { end_day: '2027-12-31' }))).toBe('Sidste torsdag i måneden kl. 14.00–16.00, til og med 31. december 2027');
    expect(describeSeries(weekly({ max_count: 8, start_time: '09:30', end_time: '11:00' }))).toBe('Hver 6. uge, tirsdag kl. 09.30–11.00, 8 møder i alt');
  });

  it('reads the weeks between meetings from a free-text cadence', () => {
    expect(weeksFromCadence('Hver 6. uge, tirsdag kl. 14.00–16.00')).toBe(6);
    expect(weeksFromCadence('ca. hver 8. uge')).toBe(8);
    expect(weeksFromCadence('hver uge')).toBe(1);
    expect(weeksFromCadence('2. tirsdag i måneden kl. 14.00–16.00')).toBe(4);
    expect(weeksFromCadence('hver 2. måned')).toBe(8);
    expect(weeksFromCadence('aftales nærmere')).toBeNull();
  });
});
