// "Dagsorden udsendt": the items and the list of bilag, each a link, to every participant.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { meetingName, meetingPath, whenAndWhere, type MeetingFacts } from './facts';

export interface AgendaData {
  meeting: MeetingFacts;
  items: Array<{ number: number; title: string; closed: boolean }>;
  /** Bilag of the meeting and of its open items (a closed item's bilag are not named in e-mail). */
  bilag: Array<{ id: number; title: string; typeLabel: string; sizeLabel: string; itemNumber: number | null }>;
}

export function agendaReleasedLetter(to: Recipient, d: AgendaData): Letter {
  const m = d.meeting;
  const items = d.items.map((i) => `${i.number}. ${i.title}${i.closed ? ' (lukket punkt)' : ''}`);
  return {
    subject: `Dagsorden: ${meetingName(m)}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        `Dagsordenen til mødet "${m.title}" er udsendt.`,
        whenAndWhere(m),
        items.length ? `Dagsorden:\n${items.join('\n')}` : 'Dagsordenen har ingen punkter endnu.',
        ...(d.bilag.length ? [] : ['Der er ingen bilag.']),
      ],
      links: {
        intro: `Bilag (${d.bilag.length}):`,
        items: d.bilag.map((b) => ({ label: `${b.itemNumber ? `Punkt ${b.itemNumber}: ` : ''}${b.title} (${b.typeLabel}, ${b.sizeLabel})`, href: `/bilag/${b.id}` })),
      },
      action: { label: 'Se dagsordenen', href: `${meetingPath(m.id)}#dagsorden` },
    },
  };
}
