// The organisation form and the list's filters.
import { z } from 'zod';
import { ORGANISATION_KINDS } from '../db/schema';
import { checkbox, choice, optionalText, requiredText } from '../web/form';

export const ORGANISATION_KIND_LABELS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  kommune: 'Kommune',
  fagforening: 'Fagforening',
  institution: 'Institution',
  forening: 'Forening',
  'frivillig organisation': 'Frivillig organisation',
  virksomhed: 'Virksomhed',
  uddannelsesinstitution: 'Uddannelsesinstitution',
  borgergruppe: 'Borgergruppe',
  andet: 'Andet',
};

export const OrganisationFormSchema = z.object({
  name: requiredText('Skriv organisationens navn'),
  kind: choice(ORGANISATION_KINDS, 'Vælg en type'),
  description: optionalText(2000),
  active: checkbox,
});
export type OrganisationForm = z.infer<typeof OrganisationFormSchema>;

export const OrganisationFilterSchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
});
