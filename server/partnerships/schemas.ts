// The partnership settings form.
import { z } from 'zod';
import { optionalDay, optionalText, requiredText } from '../web/form';

export const PartnershipFormSchema = z.object({
  name: requiredText('Skriv partnerskabets navn'),
  purpose: optionalText(5000),
  project_area: optionalText(200),
  start_date: optionalDay,
  meeting_cadence: requiredText('Skriv mødekadencen, fx "aftales nærmere" eller "hver 6. uge"', 200),
});
export type PartnershipForm = z.infer<typeof PartnershipFormSchema>;
