// A party's protocol remark with its approval, or its refusal to approve: to the konsulent.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { meetingName, minutesPath, type MeetingFacts } from './facts';

export interface RemarkData {
  meeting: MeetingFacts;
  version: number;
  kind: 'bemaerkning' | 'godkender_ikke';
  party: string;
  person: string;
  itemNumber: number | null;
  text: string;
}

export function minutesRemarkLetter(to: Recipient, d: RemarkData): Letter {
  const m = d.meeting;
  const refused = d.kind === 'godkender_ikke';
  const where = d.itemNumber ? `punkt ${d.itemNumber}` : 'referatet som helhed';
  return {
    subject: `${refused ? 'Kan ikke godkende referatet' : 'Bemærkning til referatet'}: ${meetingName(m)}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        refused
          ? `${d.person} (${d.party}) kan ikke godkende referatet fra mødet "${m.title}" (version ${d.version}) og skriver om ${where}:`
          : `${d.person} (${d.party}) har godkendt referatet fra mødet "${m.title}" (version ${d.version}) med en bemærkning til protokollen om ${where}:`,
        d.text,
      ],
      action: { label: 'Se referatet', href: minutesPath(m.id) },
    },
  };
}
