// The proposals feature's Danish texts: its labels, what its pages say after a step, and why a
// step was refused.
import type { ProposalStatus } from '../db/schema';

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  aaben: 'Afventer konsulenten',
  optaget: 'Optaget på dagsordenen',
  afvist: 'Afvist',
};

export const PROPOSAL_TEXTS = {
  created: 'Tak for forslaget. Konsulenten ser det og tager stilling til det.',
  declined: 'Forslaget er afvist, og forslagsstilleren kan se begrundelsen.',
  accepted: 'Forslaget er optaget på dagsordenen.',
  nextMeeting: (partnership: string) => `Næste møde (${partnership})`,
  alreadyDecided: 'Der er allerede taget stilling til forslaget.',
  noPlannedMeeting: 'Partnerskabet har intet planlagt møde at optage forslaget på. Planlæg det næste møde, eller vælg et møde.',
  meetingNotPlanned: 'Forslaget kan kun optages på et planlagt møde i forslagets partnerskab.',
  meetingGone: 'Vælg et planlagt møde fra listen eller "Næste møde".',
} as const;
