// The person form and the list's filters.
import { z } from 'zod';
import { ORGANISATION_KINDS, PERSON_POSITIONS } from '../db/schema';
import { checkbox, choice, optionalEmail, optionalId, optionalPhone, optionalText, requiredText } from '../web/form';

export const POSITION_LABELS: Record<(typeof PERSON_POSITIONS)[number], string> = {
  repraesentant: 'Repræsentant',
  konsulent: 'Konsulent',
  leder: 'Leder',
  medarbejder: 'Medarbejder',
  frivillig: 'Frivillig',
  andet: 'Andet',
};

export const PersonFormSchema = z.object({
  name: requiredText('Skriv personens navn'),
  title: optionalText(200),
  organisation_id: optionalId,
  email: optionalEmail,
  phone: optionalPhone,
  position: choice(PERSON_POSITIONS, 'Vælg personens rolle i arbejdet'),
  active: checkbox,
});
export type PersonForm = z.infer<typeof PersonFormSchema>;

export const PersonFilterSchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  organisation_id: z.coerce.number().int().positive().optional().catch(undefined),
  position: z.enum(PERSON_POSITIONS).optional().catch(undefined),
});
export type PersonFilter = z.infer<typeof PersonFilterSchema>;
