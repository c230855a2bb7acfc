// The daily reminders to an action's owner: the due date is three days away, or has passed.
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { dueDay } from './facts';
import type { ActionData } from './action-assigned';

export type ReminderState = 'due_soon' | 'overdue';

export function actionReminderLetter(to: Recipient, d: ActionData & { due_date: string }, state: ReminderState): Letter {
  const overdue = state === 'overdue';
  return {
    subject: `${overdue ? 'Fristen er overskredet' : `Frist ${dueDay(d.due_date)}`}: ${d.text}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        overdue
          ? `Fristen for dit opfølgningspunkt fra mødet "${d.meeting.title}" var ${dueDay(d.due_date)}, og punktet er ikke markeret som udført:`
          : `Fristen for dit opfølgningspunkt fra mødet "${d.meeting.title}" er ${dueDay(d.due_date)}:`,
        d.text,
        'Når punktet er udført (eller droppet), så sæt status på siden, så får du ikke flere påmindelser om det.',
      ],
      action: { label: 'Se dine opfølgningspunkter', href: `/actions?owner_id=${to.personId}` },
    },
  };
}
