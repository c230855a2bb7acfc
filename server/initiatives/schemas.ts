// Forms and filters of the initiatives feature, with Danish messages.
import { z } from 'zod';
import { CITIZEN_ROLES, EFFECT_PERIOD_KINDS, INITIATIVE_KINDS, INITIATIVE_STATUSES, INVOLVEMENT_LEVELS, TRIAL_DECISIONS } from '../db/schema';
import { choice, idList, optionalDay, optionalId, optionalText, requiredDay, requiredText } from '../web/form';

/** A list of keys from checkboxes: absent, one value or several. */
const keyList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string({ error: 'Vælg fra listen' }).regex(/^[a-z0-9-]{1,60}$/)).max(50),
);

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(values, { error: 'Vælg en værdi fra listen' }).nullable());

/**
 * The hint people need most: a CPR number or a citizen's name must never be written down.
 * The separator may also be a dash or a non-breaking space, as word processors write it.
 */
const CPR_SHAPE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-\u2010-\u2014 \u00a0]?\d{4}(?!\d)/;
export const CPR_MESSAGE = 'Teksten ligner et CPR-nummer. Skriv aldrig CPR-numre eller andre oplysninger, der kan identificere en borger.';

export function looksLikeCpr(text: string): boolean {
  return CPR_SHAPE.test(text);
}

/** Free text that is refused when it contains something shaped like a CPR number. */
export function textWithoutCpr(max: number, required?: string) {
  const base = required ? requiredText(required, max) : optionalText(max);
  return base.refine((v) => !looksLikeCpr(v), { error: CPR_MESSAGE });
}

/** The fields only a trial action (prøvehandling) has. */
export const TRIAL_FIELDS = ['hypothesis', 'freedom_from', 'freedom_to', 'trial_start', 'trial_end', 'success_criteria', 'result', 'trial_decision'] as const;

/**
 * For any other kind the trial fields are ignored: the form hides them (public/app.js), and what a
 * browser without the script still sends is neither checked nor saved.
 */
function withoutTrialFieldsUnlessTrial(body: unknown): unknown {
  if (!body || typeof body !== 'object' || (body as Record<string, unknown>).kind === 'proevehandling') return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of TRIAL_FIELDS) copy[field] = '';
  return copy;
}

const InitiativeFields = z
  .object({
    title: requiredText('Skriv en titel på initiativet'),
    kind: choice(INITIATIVE_KINDS, 'Vælg en type'),
    /** Absent: a new initiative starts as an idea, an edited one keeps its status. */
    status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(INITIATIVE_STATUSES, { error: 'Vælg en status fra listen' }).optional()),
    status_reason: optionalText(2000).optional(),
    description: textWithoutCpr(10000),
    partnership_id: optionalId,
    kerneopgaver: keyList,
    place_ids: idList,
    role_keys: keyList,
    start_date: optionalDay,
    end_date: optionalDay,
    intended_movement: textWithoutCpr(2000),
    citizen_role: optionalChoice(CITIZEN_ROLES),
    involvement_level: optionalChoice(INVOLVEMENT_LEVELS),
    funding: optionalText(1000),
    funding_ends: optionalDay,
    anchoring_plan: optionalText(5000),
    hypothesis: textWithoutCpr(5000),
    freedom_from: optionalText(2000),
    freedom_to: optionalText(2000),
    trial_start: optionalDay,
    trial_end: optionalDay,
    success_criteria: optionalText(5000),
    result: textWithoutCpr(5000),
    trial_decision: optionalChoice(TRIAL_DECISIONS),
  })
  .refine((v) => !v.start_date || !v.end_date || v.end_date >= v.start_date, { path: ['end_date'], error: 'Slutdatoen skal ligge efter startdatoen' })
  // A trial action's period starts with the initiative when its own start is empty (see the service).
  .refine(
    (v) => {
      const start = v.trial_start ?? (v.kind === 'proevehandling' ? v.start_date : null);
      return !start || !v.trial_end || v.trial_end >= start;
    },
    { path: ['trial_end'], error: 'Periodens slut skal ligge efter dens start' },
  );
export const InitiativeFormSchema = z.preprocess(withoutTrialFieldsUnlessTrial, InitiativeFields);
export type InitiativeForm = z.infer<typeof InitiativeFormSchema>;

export const StatusChangeSchema = z.object({
  status: choice(INITIATIVE_STATUSES, 'Vælg en ny status'),
  reason: requiredText('Skriv, hvorfor status ændres', 2000),
});

export const day = requiredDay();

export const ProgressUpdateSchema = z.object({
  date: day,
  happened: textWithoutCpr(5000, 'Skriv, hvad der skete'),
  effect_seen: textWithoutCpr(5000),
  learning: textWithoutCpr(5000),
});

export const PartnerSchema = z
  .object({
    organisation_id: optionalId,
    person_id: optionalId,
    contribution: optionalText(1000),
  })
  .refine((v) => v.organisation_id || v.person_id, { path: ['organisation_id'], error: 'Vælg en organisation eller en person' });

/** A decimal number as Danes write it ("1,5") or as forms send it ("1.5"); '' is none. */
export const optionalNumber = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s/g, '').replace(',', '.') : null),
  z.coerce.number({ error: 'Skriv et tal, fx 12 eller 3,5' }).finite().nullable(),
);
export const requiredNumber = z.preprocess(
  (v) => {
    const text = typeof v === 'string' ? v.trim().replace(/\s/g, '').replace(',', '.') : '';
    return text === '' ? undefined : Number(text);
  },
  z.number({ error: 'Skriv et tal, fx 12 eller 3,5' }).finite({ error: 'Skriv et tal, fx 12 eller 3,5' }),
);

export const EffectMeasureSchema = z.object({
  indicator: requiredText('Skriv indikatoren, fx "antal borgere der selv går til postkassen"', 300),
  unit: optionalText(50),
  baseline: optionalNumber,
  target: optionalNumber,
  // Missing (an older form): quarters.
  period_kind: z.preprocess((v) => (v === undefined || v === '' ? 'kvartal' : v), choice(EFFECT_PERIOD_KINDS, 'Vælg måned eller kvartal')),
});

/** A link as evidence: https only (a link a reader can open safely), or none. */
const evidenceUrl = optionalText(1000).refine((v) => v === '' || (/^https:\/\/[^\s]+$/i.test(v) && URL.canParse(v)), {
  error: 'Skriv et link, der begynder med https://',
});

/** The konsulent's update of one period: a value or a narrative (or both), the evidence. */
export const EffectUpdateSchema = z
  .object({
    value: optionalNumber,
    narrative: textWithoutCpr(5000),
    evidence_url: evidenceUrl,
    /** Which button: "gem" keeps it as a draft, "send" submits it. */
    intent: z.enum(['gem', 'send']).catch('gem'),
  })
  .refine((v) => v.value !== null || v.narrative !== '', { path: ['value'], error: 'Skriv en værdi eller en beskrivelse af perioden' });

export const EffectReturnSchema = z.object({
  return_reason: requiredText('Skriv hvorfor opfølgningen sendes retur', 2000),
});

export const MeasurementSchema = z.object({
  date: day,
  value: requiredNumber,
  note: textWithoutCpr(1000),
});

export const CitizenStorySchema = z.object({
  date: day,
  kerneopgave_key: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string({ error: 'Vælg en kerneopgave fra listen' }).regex(/^[a-z0-9-]+$/).nullable()),
  story: textWithoutCpr(10000, 'Skriv historien – uden navne og CPR-numre'),
});

export const InitiativeFilterSchema = z.object({
  kerneopgave: z.string().regex(/^[a-z0-9-]{1,60}$/).optional().catch(undefined),
  status: z.enum(INITIATIVE_STATUSES).optional().catch(undefined),
  place_id: z.coerce.number().int().positive().optional().catch(undefined),
  role: z.string().regex(/^[a-z0-9-]{1,60}$/).optional().catch(undefined),
  kind: z.enum(INITIATIVE_KINDS).optional().catch(undefined),
  /** 'overdue': trial actions past their end without a result (the dashboard's number). */
  trial: z.enum(['overdue']).optional().catch(undefined),
});
export type InitiativeFilter = z.infer<typeof InitiativeFilterSchema>;
