// The learning (erfaring) form and the list's filters, with Danish messages.
import { z } from 'zod';
import { LEARNING_OUTCOMES, type LearningOutcome } from '../db/schema';
import { choice, idList, optionalText, requiredDay, requiredText } from '../web/form';

export const LEARNING_OUTCOME_LABELS: Record<LearningOutcome, string> = {
  virkede: 'Virkede',
  delvist: 'Virkede delvist',
  virkede_ikke: 'Virkede ikke',
};

const learningDay = requiredDay();

export const LearningFormSchema = z.object({
  title: requiredText('Skriv en kort overskrift på erfaringen'),
  date: learningDay,
  what_we_did: optionalText(10000),
  what_happened: optionalText(10000),
  what_next: optionalText(10000),
  outcome: choice(LEARNING_OUTCOMES, 'Vælg, hvordan det gik'),
  initiative_ids: idList,
  meeting_ids: idList,
});
export type LearningForm = z.infer<typeof LearningFormSchema>;

export const LearningFilterSchema = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  outcome: z.enum(LEARNING_OUTCOMES).optional().catch(undefined),
  initiative_id: z.coerce.number().int().positive().optional().catch(undefined),
});
export type LearningFilter = z.infer<typeof LearningFilterSchema>;
