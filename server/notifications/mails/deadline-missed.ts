// A deadline of the meeting cycle missed (agenda, draft minutes, approval): to the konsulent.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { dueDay, meetingPath, minutesPath } from './facts';

export interface MissedDeadline {
  kind: 'agenda' | 'minutes' | 'approval';
  meetingId: number;
  title: string;
  due: string;
}

const WHAT: Record<MissedDeadline['kind'], string> = {
  agenda: 'at udsende dagsordenen',
  minutes: 'at sende udkastet til referat til godkendelse',
  approval: 'for parternes godkendelse af referatet',
};

export function deadlineMissedLetter(to: Recipient, d: MissedDeadline): Letter {
  return {
    subject: `Frist overskredet: ${d.title}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [`Fristen ${WHAT[d.kind]} til mødet "${d.title}" var ${dueDay(d.due)}.`],
      action: { label: d.kind === 'agenda' ? 'Se mødet' : 'Se referatet', href: d.kind === 'agenda' ? meetingPath(d.meetingId) : minutesPath(d.meetingId) },
    },
  };
}
