// Records as select options for the forms of other features that link to them: meetings (date and
// title, newest first), initiatives and dilemmas. Shared vocabulary, so no feature imports another
// feature's internals just to fill a select.
import type { Db } from '../db/database';
import { formatIsoDay } from './format';
import { utcToCopenhagen } from './time';

/** How many recent meetings a form offers; older ones are kept only when already linked. */
export const MEETING_OPTIONS_LIMIT = 200;

/**
 * The most recent meetings plus any in `keep` (already linked to the record being edited), so an
 * edit never silently drops a link to an older meeting. One query.
 */
export async function meetingOptions(db: Db, keep: number[] = []): Promise<Array<{ value: number; label: string }>> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at'])
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          eb.selectFrom('meetings as recent').select('recent.id').orderBy('recent.starts_at', 'desc').orderBy('recent.id', 'desc').limit(MEETING_OPTIONS_LIMIT),
        ),
        ...(keep.length ? [eb('id', 'in', keep)] : []),
      ]),
    )
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ value: r.id, label: `${formatIsoDay(utcToCopenhagen(r.starts_at).day)} · ${r.title}` }));
}

export async function initiativeOptions(db: Db): Promise<Array<{ value: number; label: string }>> {
  const rows = await db.selectFrom('initiatives').select(['id', 'title', 'kind']).orderBy('sort_key').orderBy('id').execute();
  return rows.map((r) => ({ value: r.id, label: r.kind === 'proevehandling' ? `${r.title} (prøvehandling)` : r.title }));
}

/** Only the initiatives some learning is linked to: the learnings list's filter. */
export async function initiativesWithLearningsOptions(db: Db): Promise<Array<{ value: number; label: string }>> {
  const rows = await db
    .selectFrom('initiatives')
    .select(['id', 'title', 'kind'])
    .where('id', 'in', (eb) => eb.selectFrom('learning_initiatives').select('initiative_id'))
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ value: r.id, label: r.kind === 'proevehandling' ? `${r.title} (prøvehandling)` : r.title }));
}

const danishCollator = new Intl.Collator('da');

/** Dilemmas, open ones first and parked ones marked, in Danish order. */
export async function dilemmaOptions(db: Db): Promise<Array<{ value: number; label: string }>> {
  const rows = await db.selectFrom('dilemmas').select(['id', 'title', 'status']).execute();
  rows.sort((a, b) => danishCollator.compare(a.title, b.title) || a.id - b.id); // no sort_key column: Danish order here
  const open = rows.filter((r) => r.status !== 'parkeret');
  const parked = rows.filter((r) => r.status === 'parkeret');
  return [
    ...open.map((r) => ({ value: r.id, label: r.title })),
    ...parked.map((r) => ({ value: r.id, label: `${r.title} (parkeret)` })),
  ];
}

/** How many recent citizen stories a form offers; an older one is kept only when already chosen. */
export const STORY_OPTIONS_LIMIT = 200;

/**
 * Citizen stories told by `upTo` (a meeting chooses among the stories it could have heard), newest
 * first, labelled by day, initiative and the story's opening words. One query.
 */
export async function storyOptions(db: Db, upTo: string, keep: number | null = null): Promise<Array<{ value: number; label: string }>> {
  const rows = await db
    .selectFrom('citizen_stories')
    .innerJoin('initiatives', 'initiatives.id', 'citizen_stories.initiative_id')
    .select(['citizen_stories.id', 'citizen_stories.date', 'citizen_stories.story', 'initiatives.title'])
    .where((eb) =>
      eb.or([
        eb(
          'citizen_stories.id',
          'in',
          eb.selectFrom('citizen_stories as recent').select('recent.id').where('recent.date', '<=', upTo).orderBy('recent.date', 'desc').orderBy('recent.id', 'desc').limit(STORY_OPTIONS_LIMIT),
        ),
        ...(keep ? [eb('citizen_stories.id', '=', keep)] : []),
      ]),
    )
    .orderBy('citizen_stories.date', 'desc')
    .orderBy('citizen_stories.id', 'desc')
    .execute();
  return rows.map((r) => ({ value: r.id, label: `${formatIsoDay(r.date)} · ${r.title}: ${openingWords(r.story)}` }));
}

/** The first words of a text, cut at a word boundary, for a select's label. */
function openingWords(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : max)} …`;
}
