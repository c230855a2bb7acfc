// Forms and filters of the roles feature: role evidence (rolleobservation) and role administration.
import { z } from 'zod';
import { choice, filterDay, optionalId, optionalText, requiredDay, requiredText } from '../web/form';

export const ROLE_KINDS = ['medarbejder', 'leder'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

// The agreement's own headings for the two groups of roles.
export const ROLE_KIND_LABELS: Record<RoleKind, string> = {
  medarbejder: 'Medarbejder med vilje',
  leder: 'Leder på kanten',
};

export const PERSON_OR_TEAM_REQUIRED = 'Vælg en person, eller skriv hvilket team der udøvede rollen';

const trimmedString = (v: unknown) => (typeof v === 'string' ? v.trim() : '');


const filterId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

/** A path on this site to go back to: one leading slash (not "//host"), no backslash or scheme. */
const LOCAL_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~%/?=&#]*$/;

export function safeReturnPath(raw: unknown): string | null {
  return typeof raw === 'string' && raw.length <= 500 && LOCAL_PATH.test(raw) ? raw : null;
}

export const EvidenceFormSchema = z
  .object({
    role_key: z.preprocess(trimmedString, z.string().min(1, { error: 'Vælg en rolle' }).max(40, { error: 'Vælg en rolle fra listen' })),
    date: requiredDay(),
    person_id: optionalId,
    team: optionalText(200),
    organisation_id: optionalId,
    initiative_id: optionalId,
    meeting_id: optionalId,
    marker_id: optionalId,
    note: requiredText('Skriv, hvad personen eller teamet gjorde', 5000),
  })
  .refine((v) => v.person_id !== null || v.team !== '', {
    path: ['person_id'],
    error: PERSON_OR_TEAM_REQUIRED,
    // Checked also when other fields are wrong, so the writer sees every message at once.
    when: (payload) => payload.issues.every((i) => i.path?.[0] !== 'person_id' && i.path?.[0] !== 'team'),
  });
export type EvidenceForm = z.infer<typeof EvidenceFormSchema>;

/** GET /roles/evidence/new?person_id=…: what the page it came from pre-fills; wrong values are ignored. */
export const EvidencePrefillSchema = z.object({
  role_key: z.string().max(40).optional().catch(undefined),
  person_id: filterId,
  organisation_id: filterId,
  initiative_id: filterId,
  meeting_id: filterId,
});

export const EvidenceFilterSchema = z.object({
  /** Part of a person's name: a text field, since a role may be seen in hundreds of people. */
  person_q: z.string().trim().max(100).catch('').default(''),
  /** One person, from a link (a person's page or an overview). */
  person_id: filterId,
  organisation_id: filterId,
  from: filterDay,
  to: filterDay,
});
export type EvidenceFilter = z.infer<typeof EvidenceFilterSchema>;

export const RoleFormSchema = z.object({
  name: requiredText('Skriv rollens navn', 100),
  description: requiredText('Skriv en kort beskrivelse af rollen', 2000),
});
export type RoleForm = z.infer<typeof RoleFormSchema>;

// These would clash with the feature's own addresses (/roles/new, /roles/evidence/…).
const RESERVED_KEYS = new Set(['new', 'evidence']);

export const NewRoleSchema = RoleFormSchema.extend({
  key: z.preprocess(
    trimmedString,
    z
      .string()
      .min(1, { error: 'Skriv en nøgle, fx brobygger' })
      .max(40, { error: 'Højst 40 tegn' })
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'Nøglen må kun indeholde små bogstaver a–z, tal og bindestreg, fx brobygger' })
      .refine((k) => !RESERVED_KEYS.has(k), { error: 'Nøglen er reserveret; vælg en anden' }),
  ),
  kind: choice(ROLE_KINDS, 'Vælg, om det er en medarbejder- eller lederrolle'),
});
export type NewRoleForm = z.infer<typeof NewRoleSchema>;

/** POST /roles/:key/retire: retired=1 retires (the default), retired=0 reactivates. */
export const RetireSchema = z.object({
  retired: z.enum(['0', '1'], { error: 'Ukendt handling' }).default('1'),
});

// ---- progress markers (outcome mapping's three levels) ----

export const MARKER_LEVELS = [1, 2, 3] as const;
export type MarkerLevel = (typeof MARKER_LEVELS)[number];

export const MARKER_LEVEL_LABELS: Record<MarkerLevel, string> = {
  1: 'Forventer at se',
  2: 'Vil gerne se',
  3: 'Ville elske at se',
};

export const MarkerFormSchema = z.object({
  level: z.preprocess(
    (v) => (typeof v === 'string' && /^[123]$/.test(v.trim()) ? Number(v) : v),
    z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'Vælg et niveau' }),
  ),
  text: requiredText('Skriv, hvad man kan se, når rollen vokser', 500),
  /** Its place within the level, 1 first; empty puts it last. */
  position: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? v.trim() : v),
    z.coerce.number({ error: 'Skriv et helt tal fra 1 til 999' }).int({ error: 'Skriv et helt tal fra 1 til 999' }).min(1, { error: 'Skriv et helt tal fra 1 til 999' }).max(999, { error: 'Skriv et helt tal fra 1 til 999' }).nullable(),
  ),
});
export type MarkerForm = z.infer<typeof MarkerFormSchema>;
