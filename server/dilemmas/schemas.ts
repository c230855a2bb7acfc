// The dilemma form and the list's filter, with Danish messages.
import { z } from 'zod';
import { DILEMMA_STATUSES, type DilemmaStatus } from '../db/schema';
import { choice, optionalText, requiredText, idList } from '../web/form';

/** In the order a dilemma usually moves: raised, discussed, then handled or parked. */
export const DILEMMA_STATUS_LABELS: Record<DilemmaStatus, string> = {
  rejst: 'Rejst',
  droeftet: 'Drøftet',
  haandteres: 'Håndteres',
  parkeret: 'Parkeret',
};

export const DilemmaFormSchema = z.object({
  title: requiredText('Skriv en titel på dilemmaet'),
  pole_a: requiredText('Skriv den ene side af dilemmaet, fx "menneskeblikket"'),
  pole_b: requiredText('Skriv den anden side af dilemmaet, fx "økonomiblikket"'),
  context: optionalText(10000),
  status: choice(DILEMMA_STATUSES, 'Vælg en status'),
  initiative_ids: idList,
  meeting_ids: idList,
});
export type DilemmaForm = z.infer<typeof DilemmaFormSchema>;

export const DilemmaFilterSchema = z.object({
  status: z.enum(DILEMMA_STATUSES).optional().catch(undefined),
});
export type DilemmaFilter = z.infer<typeof DilemmaFilterSchema>;
