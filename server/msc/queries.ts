// Most Significant Change: the citizen stories the partnership meeting chose, one per decision
// item that recorded a choice, with the reason, the story's initiative and the meeting.
import type { Db } from '../db/database';

export interface ChosenStory {
  item_id: number;
  item_title: string;
  reason: string;
  meeting_id: number;
  meeting_title: string;
  starts_at: string;
  story_id: number;
  story: string;
  story_date: string;
  initiative_id: number;
  initiative_title: string;
  kerneopgave_name: string | null;
}

export interface ChosenFilter {
  /** Include choices made in closed items (lukkede punkter): only for those who see them. */
  withClosed: boolean;
  /** Only meetings held (afholdt) that began within these UTC instants, start inclusive. */
  heldBetween?: { from: string; to: string };
}

/** Newest meeting first; a cancelled meeting chose nothing. */
export function chosenStories(db: Db, filter: ChosenFilter): Promise<ChosenStory[]> {
  let q = db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('citizen_stories', 'citizen_stories.id', 'agenda_items.msc_story_id')
    .innerJoin('initiatives', 'initiatives.id', 'citizen_stories.initiative_id')
    .leftJoin('kerneopgaver', 'kerneopgaver.key', 'citizen_stories.kerneopgave_key')
    .select([
      'agenda_items.id as item_id',
      'agenda_items.title as item_title',
      'agenda_items.msc_reason as reason',
      'meetings.id as meeting_id',
      'meetings.title as meeting_title',
      'meetings.starts_at',
      'citizen_stories.id as story_id',
      'citizen_stories.story',
      'citizen_stories.date as story_date',
      'initiatives.id as initiative_id',
      'initiatives.title as initiative_title',
      'kerneopgaver.name as kerneopgave_name',
    ])
    .where('agenda_items.kind', '=', 'beslutning')
    .where('meetings.status', '!=', 'aflyst');
  if (!filter.withClosed) q = q.where('agenda_items.closed', '=', 0);
  if (filter.heldBetween) {
    q = q.where('meetings.status', '=', 'afholdt').where('meetings.starts_at', '>=', filter.heldBetween.from).where('meetings.starts_at', '<', filter.heldBetween.to);
  }
  return q.orderBy('meetings.starts_at', 'desc').orderBy('agenda_items.position').execute();
}
