// The minutes sent for approval (version 1), or a corrected version to approve again, to each
// representative of each party.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { dueDay, meetingName, minutesPath, type MeetingFacts } from './facts';

export interface MinutesSentData {
  meeting: MeetingFacts;
  version: number;
  changeNote: string;
  /** The last day to approve (YYYY-MM-DD). */
  due: string;
}

export function minutesSentLetter(to: Recipient, d: MinutesSentData): Letter {
  const m = d.meeting;
  const corrected = d.version > 1;
  return {
    subject: corrected ? `Rettet referat (version ${d.version}) til godkendelse: ${meetingName(m)}` : `Referat til godkendelse: ${meetingName(m)}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        corrected
          ? `Referatet fra mødet "${m.title}" er rettet og sendt til godkendelse igen som version ${d.version}. Godkendelserne af den tidligere version gælder ikke for den nye.`
          : `Referatet fra mødet "${m.title}" er sendt til godkendelse.`,
        ...(corrected && d.changeNote.trim() ? [`Det er rettet: ${d.changeNote.trim()}`] : []),
        `Som repræsentant godkender du for din part – eventuelt med en bemærkning til protokollen. Frist: ${dueDay(d.due)}.`,
      ],
      action: { label: 'Læs og godkend referatet', href: minutesPath(m.id) },
    },
  };
}
