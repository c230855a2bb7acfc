// The minutes approved by every party: to every participant of the meeting.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { meetingName, minutesPath, type MeetingFacts } from './facts';

export interface MinutesApprovedData {
  meeting: MeetingFacts;
  version: number;
  parties: string[];
}

export function minutesApprovedLetter(to: Recipient, d: MinutesApprovedData): Letter {
  const m = d.meeting;
  return {
    subject: `Referatet er godkendt: ${meetingName(m)}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        `Referatet fra mødet "${m.title}"${d.version > 1 ? ` (version ${d.version})` : ''} er godkendt af alle parter${d.parties.length ? ` (${d.parties.join(', ')})` : ''} og er nu endeligt.`,
      ],
      action: { label: 'Læs det godkendte referat', href: minutesPath(m.id) },
    },
  };
}
