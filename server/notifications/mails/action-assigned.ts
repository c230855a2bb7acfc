// A follow-up action assigned: to its owner.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { dueDay, type MeetingFacts } from './facts';

export interface ActionData {
  id: number;
  text: string;
  due_date: string | null;
  meeting: Pick<MeetingFacts, 'id' | 'title'>;
}

export function actionAssignedLetter(to: Recipient, d: ActionData): Letter {
  return {
    subject: `Opfølgningspunkt til dig: ${d.text}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [`Du er ansvarlig for et opfølgningspunkt fra mødet "${d.meeting.title}":`, d.text, d.due_date ? `Frist: ${dueDay(d.due_date)}.` : 'Der er ingen frist.'],
      action: { label: 'Se dine opfølgningspunkter', href: `/actions?owner_id=${to.personId}` },
    },
  };
}
