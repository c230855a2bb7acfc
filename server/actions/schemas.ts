// The status form and the /actions filters.
import { z } from 'zod';
import { ACTION_STATUSES } from '../db/schema';
import { checkbox, choice } from '../web/form';

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
