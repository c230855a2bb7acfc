// The planning forms: a new meeting's "Brug standardpunkterne", "Planlæg næste møde" and the
// meeting series, with Danish messages.
import { z } from 'zod';
import { MEETING_KINDS, SERIES_RULES } from '../db/schema';
import { checkbox, choice, optionalDay, optionalText, requiredDay, requiredText } from '../web/form';
import { MeetingFormSchema, time } from './schemas';

/** The new-meeting form: the meeting, and whether it starts from the partnership's standard items. */
export const NewMeetingSchema = z.intersection(MeetingFormSchema, z.object({ use_standard_items: checkbox }));

export const PlanNextSchema = z
  .object({
    title: requiredText('Skriv en titel på mødet'),
    day: requiredDay(),
    start_time: time,
    end_time: time,
    place: optionalText(200),
  })
  .refine((v) => v.end_time > v.start_time, { path: ['end_time'], error: 'Sluttidspunktet skal ligge efter starttidspunktet' });

/** '' is none; otherwise a whole number from min to max. */
function optionalWhole(min: number, max: number, message: string) {
  return z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? v.trim() : v),
    z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }).nullable(),
  );
}

export const NTH_CHOICES = ['1', '2', '3', '4', '-1'] as const;
export const WEEKDAY_CHOICES = ['1', '2', '3', '4', '5', '6', '7'] as const;

export const SeriesFormSchema = z
  .object({
    title: requiredText('Skriv en titel på seriens møder'),
    kind: choice(MEETING_KINDS, 'Vælg en mødetype'),
    rule: choice(SERIES_RULES, 'Vælg, hvordan serien gentages'),
    interval_weeks: optionalWhole(1, 52, 'Skriv antal uger som et helt tal fra 1 til 52'),
    nth: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(NTH_CHOICES, { error: 'Vælg hvilken ugedag i måneden' }).nullable()).transform((v) => (v === null ? null : Number(v))),
    weekday: z.enum(WEEKDAY_CHOICES, { error: 'Vælg en ugedag' }).transform(Number),
    start_time: time,
    end_time: time,
    place: optionalText(200),
    first_day: requiredDay('Skriv, hvornår serien tidligst begynder, som ÅÅÅÅ-MM-DD, fx 2027-01-12'),
    end_day: optionalDay,
    max_count: optionalWhole(1, 200, 'Skriv antal møder som et helt tal fra 1 til 200'),
  })
  .superRefine((v, ctx) => {
    if (v.end_time <= v.start_time) ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'Sluttidspunktet skal ligge efter starttidspunktet' });
    if (v.rule === 'weeks' && v.interval_weeks === null) ctx.addIssue({ code: 'custom', path: ['interval_weeks'], message: 'Skriv, hvor mange uger der går mellem møderne' });
    if (v.rule === 'monthly' && v.nth === null) ctx.addIssue({ code: 'custom', path: ['nth'], message: 'Vælg hvilken ugedag i måneden' });
    if (v.end_day && v.max_count) ctx.addIssue({ code: 'custom', path: ['max_count'], message: 'Vælg enten en slutdato eller et antal møder, ikke begge' });
    if (v.end_day && v.end_day < v.first_day) ctx.addIssue({ code: 'custom', path: ['end_day'], message: 'Slutdatoen skal ligge efter startdatoen' });
  });
export type SeriesForm = z.infer<typeof SeriesFormSchema>;
