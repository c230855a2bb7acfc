// Forms and filters of the meetings feature, with Danish messages.
import { z } from 'zod';
import { ACTION_STATUSES, AGENDA_KINDS, ATTENDANCE, MEETING_KINDS, MEETING_STATUSES, type Attendance } from '../db/schema';
import { checkbox, choice, idList, optionalDay, optionalId, optionalText, type ParseResult, requiredDay, requiredText } from '../web/form';

export { idList };

const day = requiredDay();
/** A Copenhagen wall-clock time, "14:00" (also written "14.00"). */
export const time = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace('.', ':') : ''),
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Skriv tidspunktet som TT:MM, fx 14:00' }),
);


export const MeetingFormSchema = z
  .object({
    partnership_id: z.coerce.number({ error: 'Vælg et partnerskab' }).int().positive({ error: 'Vælg et partnerskab' }),
    title: requiredText('Skriv en titel på mødet'),
    kind: choice(MEETING_KINDS, 'Vælg en mødetype'),
    day,
    start_time: time,
    end_time: time,
    place: optionalText(200),
    convener_id: optionalId,
    chair_id: optionalId,
    minute_taker_id: optionalId,
    participant_ids: idList,
  })
  .refine((v) => v.end_time > v.start_time, { path: ['end_time'], error: 'Sluttidspunktet skal ligge efter starttidspunktet' });
export type MeetingForm = z.infer<typeof MeetingFormSchema>;

export const CancelSchema = z.object({ cancel_reason: requiredText('Skriv, hvorfor mødet aflyses', 1000) });

/**
 * The attendance form has one radio group per participant, named attendance_<personId>. A value
 * that is not one of the offered answers is an error beside that person: nothing is saved.
 */
export function parseAttendance(body: unknown, personIds: number[]): ParseResult<Map<number, Attendance>> {
  const values = (body ?? {}) as Record<string, unknown>;
  const result = new Map<number, Attendance>();
  const errors: Record<string, string> = {};
  for (const id of personIds) {
    const raw = values[`attendance_${id}`];
    if (raw === undefined) continue; // not sent: left as it is
    const parsed = z.enum(ATTENDANCE).safeParse(raw);
    if (parsed.success) result.set(id, parsed.data);
    else errors[`attendance_${id}`] = 'Vælg inviteret, deltog, afbud eller udeblev';
  }
  if (Object.keys(errors).length) {
    const kept = Object.fromEntries(personIds.map((id) => [`attendance_${id}`, values[`attendance_${id}`]]));
    return { ok: false, form: { values: kept, errors } };
  }
  return { ok: true, data: result };
}

export const EvaluationSchema = z.object({
  evaluation_value: z.coerce
    .number({ error: 'Vælg en værdi fra 1 til 5' })
    .int()
    .min(1, { error: 'Vælg en værdi fra 1 til 5' })
    .max(5, { error: 'Vælg en værdi fra 1 til 5' }),
  evaluation_led_to_action: checkbox,
  evaluation_note: optionalText(2000),
});

export const InviteSchema = z.object({ person_id: z.coerce.number().int().positive() });

/**
 * What a referat needs, and what keeps the largest meeting the forms accept (150 items of full
 * text, 300 actions: some 1,500 pages) within the server's memory in every format.
 */
export const MEETING_LIMITS = { items: 150, actions: 300, background: 8000, discussion: 8000, decision: 3000, freeText: 20000 } as const;

export const AgendaItemSchema = z.object({
  title: requiredText('Skriv en overskrift på punktet', 300),
  kind: choice(AGENDA_KINDS, 'Vælg punktets type'),
  background: optionalText(MEETING_LIMITS.background),
  discussion: optionalText(MEETING_LIMITS.discussion),
  decision: optionalText(MEETING_LIMITS.decision),
  initiative_ids: idList,
  dilemma_ids: idList,
});
export type AgendaItemForm = z.infer<typeof AgendaItemSchema>;

export const MoveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'Punktet blev ikke flyttet. Brug knapperne "Flyt op" og "Flyt ned".' }) });

export const MeetingFilterSchema = z.object({
  partnership_id: z.coerce.number().int().positive().optional().catch(undefined),
  kind: z.enum(MEETING_KINDS).optional().catch(undefined),
  status: z.enum(MEETING_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
});
export type MeetingFilter = z.infer<typeof MeetingFilterSchema>;

export const MinutesTextSchema = z.object({
  free_text: optionalText(MEETING_LIMITS.freeText),
  next_meeting: optionalText(1000),
  /** Which of the form's two buttons was pressed. */
  intent: z.enum(['save', 'send'], { error: 'Vælg Gem eller Gem og send til godkendelse' }).default('save'),
});

export const CorrectionSchema = z.object({
  change_note: requiredText('Beskriv, hvad der rettes i den nye version', 2000),
});

/** A follow-up action: hvad, hvem, hvornår. */
export const ActionFormSchema = z.object({
  text: requiredText('Skriv, hvad der skal gøres', 2000),
  owner_id: optionalId,
  due_date: optionalDay,
  status: choice(ACTION_STATUSES, 'Vælg en status').default('aaben'),
  agenda_item_id: optionalId,
  initiative_id: optionalId,
});
export type ActionForm = z.infer<typeof ActionFormSchema>;
