// When a meeting's content may change: while its minutes are a draft (kladde). Once sent for
// approval or approved, the content is frozen; a correction starts a new version.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { Conflict, NotFound } from '../web/errors';

export const LOCKED_MESSAGE =
  'Referatet er sendt til godkendelse eller godkendt, så mødets indhold er låst. Træk referatet tilbage til kladde eller opret en rettet version først.';

export async function assertMeetingEditable(trx: Kysely<Database>, meetingId: number): Promise<void> {
  const meeting = await trx
    .selectFrom('meetings')
    .leftJoin('minutes', 'minutes.meeting_id', 'meetings.id')
    .select(['meetings.id', 'minutes.status'])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) throw new NotFound();
  if (meeting.status && meeting.status !== 'kladde') throw new Conflict(LOCKED_MESSAGE, `/meetings/${meetingId}`);
}
