// Gathers meetings for the calendar writers, in a few queries (no query per meeting), and keeps
// the per-user feed tokens.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { audit } from '../db/audit';
import { AGENDA_KIND_LABELS } from '../web/labels';
import type { CalendarMeeting } from './ics';
import { groupBy } from '../web/collections';

const DANISH = new Intl.Collator('da');

/** The meetings with the given ids, or (for the feed) those from `since` on. */
export async function calendarMeetings(db: Db, baseUrl: string, opts: { ids?: number[]; since?: string }): Promise<CalendarMeeting[]> {
  let q = db
    .selectFrom('meetings')
    .leftJoin('people as convener', 'convener.id', 'meetings.convener_id')
    .select([
      'meetings.id',
      'meetings.title',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.place',
      'meetings.status',
      'meetings.sequence',
      'meetings.updated_at',
      'convener.name as convener_name',
      'convener.email as convener_email',
    ])
    .orderBy('meetings.starts_at');
  if (opts.ids) q = q.where('meetings.id', 'in', opts.ids.length ? opts.ids : [-1]);
  if (opts.since) q = q.where('meetings.starts_at', '>=', opts.since);
  const [meetings, installation] = await Promise.all([q.execute(), installationId(db)]);
  if (meetings.length === 0) return [];
  const ids = meetings.map((m) => m.id);
  const [items, people] = await Promise.all([
    db.selectFrom('agenda_items').select(['meeting_id', 'title', 'kind']).where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('position').execute(),
    db
      .selectFrom('meeting_participants')
      .innerJoin('people', 'people.id', 'meeting_participants.person_id')
      .select(['meeting_participants.meeting_id', 'people.name', 'people.email', 'meeting_participants.attendance'])
      .where('meeting_participants.meeting_id', 'in', ids)
      .execute(),
  ]);
  const itemsBy = groupBy(items, (i) => i.meeting_id);
  const peopleBy = groupBy(people, (p) => p.meeting_id);
  return meetings.map((m) => ({
    id: m.id,
    uid: `${installation}-moede-${m.id}@uldum-samskabelse`,
    title: m.title,
    starts_at: m.starts_at,
    ends_at: m.ends_at,
    place: m.place,
    status: m.status,
    sequence: m.sequence,
    updated_at: m.updated_at,
    url: `${baseUrl}/meetings/${m.id}`,
    agenda: (itemsBy.get(m.id) ?? []).map((i) => ({ title: i.title, kind: AGENDA_KIND_LABELS[i.kind] })),
    organizer: m.convener_name ? { name: m.convener_name, email: m.convener_email } : null,
    attendees: (peopleBy.get(m.id) ?? []).map((p) => ({ name: p.name, email: p.email, attendance: p.attendance })).sort((a, b) => DANISH.compare(a.name, b.name)),
  }));
}

/** This installation's random id (migrations/0012), e.g. for calendar UIDs. */
export async function installationId(db: Db): Promise<string> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'installation_id').executeTakeFirstOrThrow();
  return row.value;
}

export function userByCalendarToken(db: Db, token: string) {
  return db.selectFrom('users').select(['id', 'role']).where('calendar_token', '=', token).where('disabled', '=', 0).executeTakeFirst();
}

export async function calendarTokenOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('calendar_token').where('id', '=', userId).executeTakeFirst();
  return row?.calendar_token ?? null;
}

/** A new secret for the user's feed; the old address stops working at once. */
export async function renewCalendarToken(db: Db, userId: number, at: Date): Promise<string> {
  const token = crypto.randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ calendar_token: token, updated_at: at.toISOString() }).where('id', '=', userId).execute();
    await audit(trx, { actor: { userId }, at, action: 'update', entity: 'user', entityId: userId, after: { calendar_token: 'fornyet' } });
  });
  return token;
}
