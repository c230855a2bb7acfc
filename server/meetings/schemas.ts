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
    /** The municipality's journal (case) number, if it differs from the partnership's. */
    journal_number: optionalText(100).optional(),
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

/** One-click wordings for a decision; the field stays editable. "Udsat" also marks the item postponed. */
export const DECISION_PHRASES = ['Godkendt', 'Godkendt med de faldne bemærkninger', 'Taget til efterretning', 'Drøftet', 'Udsat', 'Ikke godkendt'] as const;
export const POSTPONED_PHRASE = 'Udsat';

export const AgendaItemSchema = z.object({
  title: requiredText('Skriv en overskrift på punktet', 300),
  kind: choice(AGENDA_KINDS, 'Vælg punktets type'),
  background: optionalText(MEETING_LIMITS.background),
  /** The proposed decision (indstilling), written before the meeting. */
  proposal: optionalText(MEETING_LIMITS.decision),
  discussion: optionalText(MEETING_LIMITS.discussion),
  decision: optionalText(MEETING_LIMITS.decision),
  presenter_id: optionalId,
  duration_minutes: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? v.trim() : v),
    z.coerce.number({ error: 'Skriv antal minutter som et helt tal, fx 20' }).int({ error: 'Skriv antal minutter som et helt tal, fx 20' }).min(1, { error: 'Mindst 1 minut' }).max(480, { error: 'Højst 480 minutter' }).nullable(),
  ),
  postponed: checkbox,
  /** A closed item (lukket punkt): its content only for the konsulent and the representatives. */
  closed: checkbox,
  closed_reason: optionalText(300),
  initiative_ids: idList,
  dilemma_ids: idList,
  /** Most Significant Change: the citizen story this decision chose as the period's most significant, and why. */
  msc_story_id: optionalId,
  msc_reason: optionalText(2000),
}).superRefine((form, ctx) => {
  if (form.closed && !form.closed_reason) ctx.addIssue({ code: 'custom', path: ['closed_reason'], message: 'Skriv, hvorfor punktet er lukket, fx "personsag"' });
  if (form.msc_story_id && form.kind !== 'beslutning') ctx.addIssue({ code: 'custom', path: ['msc_story_id'], message: 'Kun et punkt af typen Beslutning kan vælge den mest betydningsfulde historie' });
  if (form.msc_story_id && !form.msc_reason) ctx.addIssue({ code: 'custom', path: ['msc_reason'], message: 'Skriv, hvorfor netop denne historie blev valgt' });
  if (!form.msc_story_id && form.msc_reason) ctx.addIssue({ code: 'custom', path: ['msc_story_id'], message: 'Vælg den historie, begrundelsen handler om' });
});

/** The phrase button pressed on the item form (it fills the decision and shows the form again). */
export const DecisionPhraseSchema = z.object({ phrase: z.enum(DECISION_PHRASES, { error: 'Vælg en af standardformuleringerne' }) });
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

/** A participant absent or inhabil for one item, or a guest who took part in it. */
export const ItemAttendanceSchema = z.object({
  person_id: z.coerce.number({ error: 'Vælg en person fra listen' }).int().positive({ error: 'Vælg en person fra listen' }),
  kind: choice(['fravaerende', 'inhabil', 'gaest'] as const, 'Vælg fraværende, inhabil eller gæst'),
  note: optionalText(200),
});

/** Which item a remark is about: its number in the referat, or '' for the referat as a whole. */
const remarkItem = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.coerce.number({ error: 'Vælg et punkt fra listen' }).int({ error: 'Vælg et punkt fra listen' }).positive({ error: 'Vælg et punkt fra listen' }).nullable(),
);

/** Approving, with an optional protocol remark ("FOA ønsker ført til protokol, at …"). */
export const ApproveSchema = z.object({ remark: optionalText(10000), remark_item: remarkItem });

/** A party that cannot approve gives its reason. */
export const RefuseSchema = z.object({ reason: requiredText('Skriv, hvorfor din part ikke kan godkende referatet', 10000), reason_item: remarkItem });

/** Two versions to compare (?from=1&to=2); missing means the latest and the one before. */
export const VersionPairSchema = z.object({
  from: z.coerce.number().int().positive().optional(),
  to: z.coerce.number().int().positive().optional(),
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
