// The proposal form (title, background, the wished type and which meeting, or the next one), and
// the konsulent's answers: take it into an agenda, or decline it with a reason.
import { z } from 'zod';
import { AGENDA_KINDS } from '../db/schema';
import { choice, optionalId, optionalText, requiredText } from '../web/form';

/** The limits of an agenda item's title and background, which a proposal becomes. */
export const PROPOSAL_LIMITS = { title: 300, background: 8000, reason: 2000 } as const;

/** "meeting:12" (that meeting) or "next:3" (the next planned meeting of partnership 3). */
const target = z
  .string({ error: 'Vælg et møde' })
  .regex(/^(meeting|next):[1-9][0-9]{0,15}$/, { error: 'Vælg et møde fra listen' })
  .transform((v) => {
    const [kind, id] = v.split(':');
    return kind === 'meeting' ? { meetingId: Number(id), partnershipId: null } : { meetingId: null, partnershipId: Number(id) };
  });

export const ProposalFormSchema = z.object({
  title: requiredText('Skriv en overskrift på punktet', PROPOSAL_LIMITS.title),
  background: optionalText(PROPOSAL_LIMITS.background),
  kind: choice(AGENDA_KINDS, 'Vælg, om punktet er til orientering, drøftelse eller beslutning'),
  target,
});
export type ProposalForm = z.infer<typeof ProposalFormSchema>;

export const DeclineSchema = z.object({
  decline_reason: requiredText('Skriv en begrundelse, som forslagsstilleren kan se', PROPOSAL_LIMITS.reason),
});

/** '' takes the meeting the proposal names, or else the partnership's next planned meeting. */
export const AcceptSchema = z.object({ meeting_id: optionalId });
