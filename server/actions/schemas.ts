// The follow-up action form (hvad, hvem, hvornår) and the /actions filters.
import { z } from 'zod';
import { ACTION_STATUSES } from '../db/schema';
import { checkbox, choice, optionalId, requiredText } from '../web/form';

export const optionalDay = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
  z.iso.date({ error: 'Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-01' }).nullable(),
);

export const ActionFormSchema = z.object({
  text: requiredText('Skriv, hvad der skal gøres', 2000),
  owner_id: optionalId,
  due_date: optionalDay,
  status: choice(ACTION_STATUSES, 'Vælg en status').default('aaben'),
  agenda_item_id: optionalId,
  initiative_id: optionalId,
});
export type ActionForm = z.infer<typeof ActionFormSchema>;

export const ActionStatusSchema = z.object({ status: choice(ACTION_STATUSES, 'Vælg en status fra listen') });

export const ActionFilterSchema = z.object({
  status: z.enum(ACTION_STATUSES).optional().catch(undefined),
  owner_id: z.coerce.number().int().positive().optional().catch(undefined),
  /** The owner's name, or part of it. */
  owner_q: z.string().trim().max(100).optional().catch(undefined),
  overdue: checkbox.catch(false),
  meeting_id: z.coerce.number().int().positive().optional().catch(undefined),
  partnership_id: z.coerce.number().int().positive().optional().catch(undefined),
  open: checkbox.catch(false),
});
export type ActionFilter = z.infer<typeof ActionFilterSchema>;
