// The daily run's message to the owner of a review that is due: a decision, a trial action or a
// forklar-eller-fjern item is to be taken up again ("tages op igen").
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { dueDay } from './facts';

export interface ReviewDueData {
  kindLabel: string;
  title: string;
  context: string;
  day: string;
  isDefault: boolean;
  href: string;
  reviewHref: string;
}

export function reviewDueLetter(to: Recipient, d: ReviewDueData): Letter {
  return {
    subject: `Til opfølgning: ${d.title}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        d.isDefault
          ? `Prøveperioden for "${d.title}" sluttede ${dueDay(d.day)}. Den skal nu tages op: forankres, justeres eller stoppes?`
          : `${d.kindLabel} "${d.title}" (${d.context}) skal tages op igen ${dueDay(d.day)}.`,
        'Den står under "Til opfølgning" på overblikket og kommer på dagsordenen til næste møde, der planlægges. Når den er taget op, så markér det på siden, eller sæt en ny dato.',
      ],
      action: { label: 'Se opfølgningen', href: d.reviewHref },
    },
  };
}
