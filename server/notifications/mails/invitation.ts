// The invitation to a meeting, and the same again when its time or place changes: the .ics as
// METHOD:REQUEST for this one attendee, and the personal links to answer.
import type { CalendarMeeting } from '../../exports/ics';
import { meetingInvitation } from '../../exports/ics';
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { meetingName, meetingPath, whenAndWhere } from './facts';

export interface InvitationData {
  meeting: CalendarMeeting;
  organizer: { name: string; email: string };
  /** A change to a meeting the recipient was already invited to. */
  changed: boolean;
  stamp: string;
  /** The recipient's two answer links (paths). */
  replyLinks: { yes: string; no: string };
}

export function invitationLetter(to: Recipient & { email: string }, d: InvitationData): Letter {
  const m = d.meeting;
  const ics = meetingInvitation(m, d.stamp, { method: 'REQUEST', organizer: d.organizer, attendee: { name: to.name, email: to.email } });
  return {
    subject: `${d.changed ? 'Ændret mødetid eller sted' : 'Invitation'}: ${meetingName(m)}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        d.changed ? `Mødet "${m.title}", som du er inviteret til, er ændret. Sådan er det nu:` : `Du er inviteret til mødet "${m.title}".`,
        `${whenAndWhere(m)}\nIndkaldt af: ${d.organizer.name}`,
        'Mødet er vedhæftet som kalenderinvitation, så din kalender kan lægge det ind (og flytte det, hvis det ændres).',
      ],
      links: {
        intro: 'Svar med et klik (du bekræfter på siden, der åbner):',
        items: [
          { label: 'Jeg deltager', href: d.replyLinks.yes },
          { label: 'Jeg melder afbud', href: d.replyLinks.no },
        ],
      },
      action: { label: 'Se mødet og dagsordenen', href: meetingPath(m.id) },
    },
    attachments: [{ filename: 'invitation.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics, icalMethod: 'REQUEST' }],
  };
}
