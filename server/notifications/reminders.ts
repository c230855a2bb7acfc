// The daily run at 07:00 Copenhagen time: each open action's owner is reminded when its due date
// is three days away (or less) and again when it has passed, and the konsulent when a deadline of
// the meeting cycle was missed. Each reminder goes once (sent_reminders), and a run that did not
// happen at 07:00 (the server was down) happens at the first chance after, for the same day.
import type { Kysely } from 'kysely';
import { audit, SYSTEM_ACTOR } from '../db/audit';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Config } from '../config';
import type { Clock } from '../web/clock';
import { addDays, copenhagenDay } from '../web/format';
import { copenhagenToUtc } from '../web/time';
import { notifierFor, type Notifier } from './notifier';
import { konsulentIds, type Recipient } from './recipients';
import { sendToMany } from './send';
import { actionReminderLetter, type ReminderState } from './mails/action-reminder';
import { deadlineMissedLetter, type MissedDeadline } from './mails/deadline-missed';
import { reviewDueLetter } from './mails/review-due';
import { dueReviews, REVIEW_KIND_LABELS } from '../reviews/service';

type Trx = Kysely<Database>;

export const RUN_AT = '07:00';
/** An action is "due soon" from this many days before its due date. */
export const DUE_SOON_DAYS = 3;

/** The Copenhagen day whose 07:00 run is the latest at or before `now`. */
export function reminderDay(now: Date): string {
  const today = copenhagenDay(now);
  return now.getTime() >= copenhagenToUtc(today, RUN_AT).getTime() ? today : addDays(today, -1);
}

export interface DailyRun {
  /** The day the run was for, or null when that day's run had already been made. */
  day: string | null;
  /** Reminders decided on (a message queued, unless the person has no address or said no). */
  reminders: number;
}

async function alreadySent(trx: Trx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await trx.selectFrom('sent_reminders').select('key').where('key', 'in', keys).execute();
  return new Set(rows.map((r) => r.key));
}

async function actionReminders(trx: Trx, n: Notifier, day: string, at: Date): Promise<string[]> {
  const actions = await trx
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .select(['actions.id', 'actions.text', 'actions.due_date', 'actions.owner_id', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
    .where('actions.status', 'in', ['aaben', 'i_gang'])
    .where('actions.owner_id', 'is not', null)
    .where('actions.due_date', 'is not', null)
    .where('actions.due_date', '<=', addDays(day, DUE_SOON_DAYS))
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .execute();
  const due = actions.map((a) => {
    const state: ReminderState = a.due_date! < day ? 'overdue' : 'due_soon';
    return { ...a, due_date: a.due_date!, state, key: `action:${a.id}:${state}:${a.due_date}` };
  });
  const sent = await alreadySent(trx, due.map((a) => a.key));
  const toSend = due.filter((x) => !sent.has(x.key));
  await sendToMany(
    trx,
    n,
    'reminders',
    toSend.map((a) => {
      const data = { id: a.id, text: a.text, due_date: a.due_date, meeting: { id: a.meeting_id, title: a.meeting_title } };
      return {
        kind: a.state === 'overdue' ? 'action_overdue' : 'action_due_soon',
        personIds: [a.owner_id!],
        at,
        write: (to: Recipient) => actionReminderLetter(to, data, a.state),
      };
    }),
  );
  return toSend.map((a) => a.key);
}

async function deadlineReminders(trx: Trx, n: Notifier, missed: readonly MissedDeadline[], at: Date): Promise<string[]> {
  const withKeys = missed.map((d) => ({ ...d, key: `deadline:${d.kind}:${d.meetingId}:${d.due}` }));
  const sent = await alreadySent(trx, withKeys.map((d) => d.key));
  const toSend = withKeys.filter((x) => !sent.has(x.key));
  if (toSend.length === 0) return [];
  const meetings = new Map(
    (await trx.selectFrom('meetings').select(['id', 'partnership_id', 'convener_id']).where('id', 'in', [...new Set(toSend.map((d) => d.meetingId))]).execute()).map((m) => [m.id, m]),
  );
  // The konsulent of each partnership, asked once per partnership and convener, not once per deadline.
  const konsulent = new Map<string, Promise<number[]>>();
  const konsulentOf = (m: { partnership_id: number; convener_id: number | null }) => {
    const key = `${m.partnership_id}:${m.convener_id}`;
    if (!konsulent.has(key)) konsulent.set(key, konsulentIds(trx, m.partnership_id, m.convener_id));
    return konsulent.get(key)!;
  };
  const sendings = [];
  for (const d of toSend) {
    const meeting = meetings.get(d.meetingId);
    if (!meeting) continue;
    sendings.push({ kind: 'deadline_missed', personIds: await konsulentOf(meeting), at, write: (to: Recipient) => deadlineMissedLetter(to, d), key: d.key });
  }
  await sendToMany(trx, n, 'deadlines', sendings);
  return sendings.map((s) => s.key);
}

/**
 * The owner of each review due by the day, told once per review day: a decision's meeting
 * convener, a trial action's contact, a forklar-eller-fjern item's "rejst af"; without one, the
 * konsulent (of the partnership, or every konsulent account for what belongs to none).
 */
async function reviewReminders(trx: Trx, n: Notifier, day: string, at: Date): Promise<string[]> {
  const due = (await dueReviews(trx, day)).map((r) => ({ ...r, key: `review:${r.kind}:${r.subjectId}:${r.day}` }));
  const sent = await alreadySent(trx, due.map((r) => r.key));
  const toSend = due.filter((r) => !sent.has(r.key));
  const sendings = [];
  for (const r of toSend) {
    // Partnership 0 is none: only the konsulent accounts.
    const personIds = r.ownerId ? [r.ownerId] : await konsulentIds(trx, r.partnershipId ?? 0);
    const data = { kindLabel: REVIEW_KIND_LABELS[r.kind], title: r.title, context: r.context, day: r.day, isDefault: r.isDefault, href: r.href, reviewHref: `/opfoelgning/${r.kind}/${r.subjectId}` };
    sendings.push({ kind: 'review_due', personIds, at, write: (to: Recipient) => reviewDueLetter(to, data) });
  }
  await sendToMany(trx, n, 'reminders', sendings);
  return toSend.map((r) => r.key);
}

/**
 * The run for the day of the latest 07:00 (Copenhagen) at or before `now`, once per day: the
 * actions due within three days or overdue, and the missed deadlines given, each reminded once.
 * One transaction with its audit row.
 */
export async function runDailyReminders(db: Db, now: Date, n: Notifier, missedDeadlines: readonly MissedDeadline[] = []): Promise<DailyRun> {
  const day = reminderDay(now);
  const runKey = `run:${day}`;
  return db.transaction().execute(async (trx) => {
    if ((await alreadySent(trx, [runKey])).size) return { day: null, reminders: 0 };
    const keys = [
      ...(await actionReminders(trx, n, day, now)),
      ...(await deadlineReminders(trx, n, missedDeadlines, now)),
      ...(await reviewReminders(trx, n, day, now)),
    ];
    const at = now.toISOString();
    await trx
      .insertInto('sent_reminders')
      .values([runKey, ...keys].map((key) => ({ key, sent_at: at })))
      .execute();
    await audit(trx, { actor: SYSTEM_ACTOR, at: now, action: 'create', entity: 'daily_reminders', entityId: day, after: { paamindelser: keys } });
    return { day, reminders: keys.length };
  });
}

export interface DailyReminders {
  stop(): void;
}

/**
 * Runs now (catching up on a missed 07:00) and then every ten minutes; only the first run after
 * each 07:00 does anything. `missedDeadlines` gives the deadlines missed (the meetings feature's).
 */
export function startDailyReminders(opts: {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'port' | 'sessionSecret' | 'mailFrom'>;
  clock: Clock;
  log: (line: string) => void;
  missedDeadlines?: (db: Db, now: Date) => Promise<MissedDeadline[]>;
  intervalMs?: number;
}): DailyReminders {
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    const now = opts.clock.now();
    void (async () => {
      const missed = opts.missedDeadlines ? await opts.missedDeadlines(opts.db, now) : [];
      const run = await runDailyReminders(opts.db, now, notifierFor(opts.config), missed);
      if (run.day) opts.log(`Påmindelser for ${run.day}: ${run.reminders}.`);
    })()
      .catch((err) => opts.log(`Påmindelser: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 10 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
