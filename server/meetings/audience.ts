// What each audience sees of the minutes. The konsulent, the administrator and the partnership's
// representatives see everything ('internal'); a læser sees a closed item (lukket punkt) by its
// title only ('reader'); the public version for publication also names only the representatives
// and leaves out bilag marked "ikke offentlig" ('public'). Applied to the live draft and to frozen
// versions alike, and to whatever is closed now, so closing an item later hides it at once.
import type { AppRole } from '../db/schema';
import type { Db } from '../db/database';
import { closedItemIds } from './queries';
import { permissions } from '../web/auth';
import type { DocumentItem, DocumentRemark, MinutesDocument } from './minutes-document';
import { NAMELESS, publicName } from './public-names';

export type Audience = 'internal' | 'reader' | 'public';

export const audienceOf = (role: AppRole): Audience => (permissions.seeClosedItems(role) ? 'internal' : 'reader');

export interface ReferatContent {
  document: MinutesDocument;
  remarks: DocumentRemark[];
}

const isClosed = (item: DocumentItem, closedNow: ReadonlySet<number>) => item.closed === true || (item.itemId !== undefined && closedNow.has(item.itemId));

/** A closed item as others see it: its number, title and type, and that it is closed. */
function closedItem(item: DocumentItem): DocumentItem {
  return {
    number: item.number,
    itemId: item.itemId,
    title: item.title,
    kind: item.kind,
    background: '',
    discussion: '',
    decision: '',
    carriedOver: [],
    closed: true,
  };
}

/** Everything kept, the items closed now marked so (for those who see them). */
function markedClosed(d: MinutesDocument, closedNow: ReadonlySet<number>): MinutesDocument {
  if (!d.items.some((i) => !i.closed && isClosed(i, closedNow))) return d;
  return { ...d, items: d.items.map((i) => (isClosed(i, closedNow) ? { ...i, closed: true } : i)) };
}

/** "… – deltog under punkt 3" and "Punkt 3 (…): …" name the item they are about. */
const itemNumberIn = (line: string, pattern: RegExp) => {
  const m = pattern.exec(line);
  return m ? Number(m[1]) : null;
};

function withoutClosed(d: MinutesDocument, remarks: DocumentRemark[], closedNow: ReadonlySet<number>): ReferatContent {
  const closed = new Set(d.items.filter((i) => isClosed(i, closedNow)).map((i) => i.number));
  if (closed.size === 0) return { document: d, remarks };
  const open = (n: number | null) => n === null || !closed.has(n);
  return {
    document: {
      ...d,
      items: d.items.map((i) => (closed.has(i.number) ? closedItem(i) : i)),
      actions: d.actions.filter((a) => open(a.item)),
      guests: d.guests?.filter((g) => open(itemNumberIn(g, /deltog under punkt (\d+)$/))),
      addendum: d.addendum && { ...d.addendum, changes: d.addendum.changes.filter((c) => open(itemNumberIn(c, /^Punkt (\d+) \(/))) },
    },
    remarks: remarks.filter((r) => open(r.itemNumber)),
  };
}

/** Versions frozen before the public names were kept: every name becomes its organisation. */
function legacyPublicName(value: string): string {
  if (value === '') return value;
  const m = /^(.*) \(([^()]*)\)( – .*)?$/.exec(value);
  return m ? m[2] + (m[3] ?? '') : NAMELESS;
}

function publicVersion(d: MinutesDocument): MinutesDocument {
  const name = d.publicNames ? (v: string) => publicName(v, d.publicNames!) : legacyPublicName;
  const names = (list: string[]) => list.map(name);
  return {
    ...d,
    present: names(d.present),
    absent: names(d.absent),
    noShow: names(d.noShow),
    invited: names(d.invited),
    chair: name(d.chair),
    minuteTaker: name(d.minuteTaker),
    guests: d.guests && names(d.guests),
    attachments: d.publicAttachments ?? [],
    items: d.items.map((i) => ({
      ...i,
      presenter: i.presenter && name(i.presenter),
      absentDuring: i.absentDuring && names(i.absentDuring),
      inhabil: i.inhabil && names(i.inhabil),
      guests: i.guests && names(i.guests),
      carriedOver: i.carriedOver.map((a) => ({ ...a, owner: name(a.owner) })),
      attachments: i.publicAttachments ?? [],
    })),
    actions: d.actions.map((a) => ({ ...a, owner: name(a.owner) })),
    publicNames: undefined,
  };
}

/** The referat's content and remarks as `audience` may see them. */
export function forAudience(content: ReferatContent, audience: Audience, closedNow: ReadonlySet<number>): ReferatContent {
  if (audience === 'internal') return { ...content, document: markedClosed(content.document, closedNow) };
  const seen = withoutClosed(content.document, content.remarks, closedNow);
  if (audience === 'reader') return seen;
  return { document: publicVersion(seen.document), remarks: seen.remarks };
}

/** A closed item on the meeting page for a læser: number, title, type and time, nothing of its content. */
export function closedAgendaItem<T extends { id: number; title: string; kind: string; number: number }>(item: T): T {
  return {
    ...item,
    background: '',
    proposal: '',
    discussion: '',
    decision: '',
    presenter_name: null,
    proposedBy: null,
    actions: [],
    carried: [],
    initiatives: [],
    dilemmas: [],
    bilag: [],
    attendance: [],
  };
}

/** The meeting's follow-up actions without those agreed under a closed item. */
export async function withoutClosedItemActions<T extends { agenda_item_id: number | null }>(db: Db, meetingId: number, actions: T[]): Promise<T[]> {
  const closed = await closedItemIds(db, meetingId);
  return closed.size ? actions.filter((a) => a.agenda_item_id === null || !closed.has(a.agenda_item_id)) : actions;
}
