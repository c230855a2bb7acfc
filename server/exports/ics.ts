// Calendar files (RFC 5545): one meeting as an invitation, or all meetings as a feed.
// Times are written in UTC, which every calendar converts to the reader's own zone.
import type { Attendance, MeetingStatus } from '../db/schema';

export interface CalendarMeeting {
  id: number;
  /** Stable and unique in the world: this installation's id and the meeting's. */
  uid: string;
  title: string;
  starts_at: string;
  ends_at: string;
  place: string;
  status: MeetingStatus;
  sequence: number;
  updated_at: string;
  url: string;
  agenda: Array<{ title: string; kind: string }>;
  organizer: { name: string; email: string | null } | null;
  attendees: Array<{ name: string; email: string | null; attendance: Attendance }>;
}

/**
 * TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). Any line break
 * (CRLF, LF or a lone CR) becomes the escape "\\n"; other control characters are not allowed in
 * TEXT and are dropped, so user text can never end a content line early.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

/** A parameter value is quoted and may not hold a double quote or control characters. */
function paramValue(text: string): string {
  return `"${text.replace(/["\u0000-\u001f\u007f]/g, ' ')}"`;
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (§3.1). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function utc(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * One VEVENT as published information (RFC 5546 PUBLISH): no ATTENDEE, since nobody is asked to
 * reply to a downloaded file or a feed; the organiser only where an address is known; no empty
 * property. The invitees are named in the description.
 */
function event(m: CalendarMeeting, stamp: string, withPeople: boolean): string[] {
  const description = [
    m.agenda.length ? 'Dagsorden:' : 'Dagsordenen er ikke lagt endnu.',
    ...m.agenda.map((a, i) => `${i + 1}. ${a.title} (${a.kind})`),
    ...(m.attendees.length ? ['', `Inviterede: ${m.attendees.map((a) => a.name).join(', ')}`] : []),
    '',
    m.url,
  ].join('\n');
  const lines = [
    'BEGIN:VEVENT',
    `UID:${m.uid}`,
    `DTSTAMP:${utc(stamp)}`,
    `DTSTART:${utc(m.starts_at)}`,
    `DTEND:${utc(m.ends_at)}`,
    `SEQUENCE:${m.sequence}`,
    `LAST-MODIFIED:${utc(m.updated_at)}`,
    `SUMMARY:${escapeText(m.title)}`,
    ...(m.place.trim() ? [`LOCATION:${escapeText(m.place)}`] : []),
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${m.url}`,
    `STATUS:${m.status === 'aflyst' ? 'CANCELLED' : 'CONFIRMED'}`,
  ];
  if (withPeople && m.organizer?.email) lines.push(`ORGANIZER;CN=${paramValue(m.organizer.name)}:mailto:${m.organizer.email}`);
  lines.push('END:VEVENT');
  return lines;
}

function calendar(method: string, events: string[][]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Uldum Samskabelse//Partnerskabsmøder//DA',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'X-WR-CALNAME:Partnerskabsmøder',
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * One meeting as a file to open in a calendar. A downloaded file is published information
 * (METHOD:PUBLISH): REQUEST and CANCEL are for invitations the app sends itself, with an
 * organiser who receives the replies. A cancelled meeting carries STATUS:CANCELLED and a higher
 * SEQUENCE, so opening it again updates the event in the calendar.
 */
export function meetingInvite(m: CalendarMeeting, stamp: string, withEmails: boolean): string {
  return calendar('PUBLISH', [event(m, stamp, withEmails)]);
}

/** Every meeting as a subscribable feed. */
export function meetingFeed(meetings: CalendarMeeting[], stamp: string, withEmails: boolean): string {
  return calendar('PUBLISH', meetings.map((m) => event(m, stamp, withEmails)));
}


export interface InvitationParties {
  method: 'REQUEST' | 'CANCEL';
  /** The convener, or the app's sender (MAIL_FROM) when the convener has no address. */
  organizer: { name: string; email: string };
  /** The one person this copy of the invitation is sent to. */
  attendee: { name: string; email: string };
}

/**
 * One meeting as an invitation the app sends by e-mail (RFC 5546): METHOD:REQUEST with the
 * organiser and the one attendee it is sent to (RSVP=TRUE), or METHOD:CANCEL with
 * STATUS:CANCELLED. The UID and SEQUENCE are the feed's, so a calendar that has the event from
 * either adds, moves and removes the same event.
 */
export function meetingInvitation(m: CalendarMeeting, stamp: string, parties: InvitationParties): string {
  const cancel = parties.method === 'CANCEL';
  const lines = event(m, stamp, false).map((line) => (line.startsWith('STATUS:') && cancel ? 'STATUS:CANCELLED' : line));
  const rsvp = cancel ? '' : ';PARTSTAT=NEEDS-ACTION;RSVP=TRUE';
  lines.splice(
    lines.length - 1,
    0,
    `ORGANIZER;CN=${paramValue(parties.organizer.name)}:mailto:${parties.organizer.email}`,
    `ATTENDEE;CN=${paramValue(parties.attendee.name)};ROLE=REQ-PARTICIPANT${rsvp}:mailto:${parties.attendee.email}`,
  );
  return calendar(parties.method, [lines]);
}
