// The partnership settings form.
import { z } from 'zod';
import { AGENDA_KINDS } from '../db/schema';
import { choice, optionalDay, optionalText, requiredText } from '../web/form';

/** A deadline in whole days (0–60); left out, it keeps its default. */
function days(fallback: number, message: string) {
  return z.preprocess((v) => (v === undefined || v === '' ? fallback : typeof v === 'string' ? v.trim() : v), z.coerce.number({ error: message }).int({ error: message }).min(0, { error: message }).max(60, { error: 'Højst 60 dage' }));
}

export const PartnershipFormSchema = z.object({
  name: requiredText('Skriv partnerskabets navn'),
  purpose: optionalText(5000),
  project_area: optionalText(200),
  start_date: optionalDay,
  meeting_cadence: requiredText('Skriv mødekadencen, fx "aftales nærmere" eller "hver 6. uge"', 200),
  journal_number: optionalText(100),
  agenda_days: days(5, 'Skriv antal dage før mødet, fx 5'),
  minutes_days: days(7, 'Skriv antal dage efter mødet, fx 7'),
  approval_days: days(7, 'Skriv antal dage til godkendelse, fx 7'),
});
export type PartnershipForm = z.infer<typeof PartnershipFormSchema>;

/** A standard agenda item of the partnership's template. */
export const StandardItemSchema = z.object({
  title: requiredText('Skriv en overskrift på punktet', 300),
  kind: choice(AGENDA_KINDS, 'Vælg punktets type'),
  background: optionalText(8000),
});
export type StandardItemForm = z.infer<typeof StandardItemSchema>;

export const StandardItemMoveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'Punktet blev ikke flyttet. Brug knapperne "Flyt op" og "Flyt ned".' }) });
