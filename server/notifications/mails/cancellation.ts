// A meeting cancelled (or the recipient taken off its list): the .ics as METHOD:CANCEL with
// STATUS:CANCELLED, so the calendar removes the event it has under the same UID.
import type { CalendarMeeting } from '../../exports/ics';
import { meetingInvitation } from '../../exports/ics';
import type { Letter } from '../send';
import type { Recipient } from '../recipients';
import { meetingName, meetingPath, whenAndWhere } from './facts';

export interface CancellationData {
  meeting: CalendarMeeting;
  organizer: { name: string; email: string };
  /** The meeting is cancelled (with the reason given), or only this person is no longer invited. */
  reason: { cancelled: string } | { removed: true };
  stamp: string;
}

export function cancellationLetter(to: Recipient & { email: string }, d: CancellationData): Letter {
  const m = d.meeting;
  const ics = meetingInvitation(m, d.stamp, { method: 'CANCEL', organizer: d.organizer, attendee: { name: to.name, email: to.email } });
  const cancelled = 'cancelled' in d.reason;
  return {
    subject: `${cancelled ? 'Aflyst' : 'Du er ikke længere inviteret'}: ${meetingName(m)}`,
    content: {
      greeting: `Hej ${to.name}`,
      paragraphs: [
        cancelled ? `Mødet "${m.title}" er aflyst.` : `Du er taget af deltagerlisten til mødet "${m.title}".`,
        ...('cancelled' in d.reason && d.reason.cancelled.trim() ? [`Begrundelse: ${d.reason.cancelled.trim()}`] : []),
        whenAndWhere(m),
        'Den vedhæftede kalenderfil fjerner mødet fra din kalender.',
      ],
      action: { label: 'Se mødet', href: meetingPath(m.id) },
    },
    attachments: [{ filename: 'aflysning.ics', contentType: 'text/calendar; charset=utf-8; method=CANCEL', content: ics, icalMethod: 'CANCEL' }],
  };
}
