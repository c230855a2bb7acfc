// What changed between two versions of a referat: item by item (added, removed, changed) with the
// changed words marked, and a short summary for the addendum ("Tilføjelse til referatet") that the
// new version carries. Items are matched by their agenda item's id, or by title in versions frozen
// before ids were kept.
import { diffWords } from 'diff';
import type { DocumentItem, MinutesDocument } from './minutes-document';

export interface WordPart {
  text: string;
  added?: boolean;
  removed?: boolean;
}

export interface FieldChange {
  label: string;
  parts: WordPart[];
}

export interface ItemChange {
  kind: 'added' | 'removed' | 'changed' | 'same';
  /** The item's number in the newer version (or in the older one for a removed item). */
  number: number;
  title: string;
  fields: FieldChange[];
}

const ITEM_FIELDS: Array<[label: string, read: (i: DocumentItem) => string]> = [
  ['Overskrift', (i) => i.title],
  ['Type', (i) => i.kind],
  ['Sagsfremstilling', (i) => i.background],
  ['Indstilling', (i) => i.proposal ?? ''],
  ['Drøftelse', (i) => i.discussion],
  ['Beslutning', (i) => i.decision],
  ['Bilag', (i) => (i.attachments ?? []).join('\n')],
];

const GENERAL_FIELDS: Array<[label: string, read: (d: MinutesDocument) => string]> = [
  ['Deltagere', (d) => d.present.join(', ')],
  ['Afbud', (d) => d.absent.join(', ')],
  ['Indledning og øvrige bemærkninger', (d) => d.freeText],
  ['Opfølgning', (d) => d.actions.map((a) => `${a.text} – ${a.owner} – ${a.due} – ${a.status}`).join('\n')],
  ['Næste møde', (d) => d.nextMeeting],
];

function wordDiff(a: string, b: string): WordPart[] {
  return diffWords(a, b).map((p) => ({ text: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) }));
}

function changedFields<T>(fields: Array<[string, (x: T) => string]>, a: T, b: T): FieldChange[] {
  return fields.filter(([, read]) => read(a) !== read(b)).map(([label, read]) => ({ label, parts: wordDiff(read(a), read(b)) }));
}

const keyOf = (i: DocumentItem) => (i.itemId !== undefined ? `id:${i.itemId}` : `title:${i.title}`);

/** Item by item, in the newer version's order, removed items after. */
export function compareItems(from: MinutesDocument, to: MinutesDocument): ItemChange[] {
  const old = new Map(from.items.map((i) => [keyOf(i), i]));
  const seen = new Set<string>();
  const changes: ItemChange[] = to.items.map((item) => {
    const before = old.get(keyOf(item)) ?? (item.itemId !== undefined ? from.items.find((i) => i.itemId === undefined && i.title === item.title) : undefined);
    if (!before) return { kind: 'added', number: item.number, title: item.title, fields: [] };
    seen.add(keyOf(before));
    const fields = changedFields(ITEM_FIELDS, before, item);
    return { kind: fields.length ? 'changed' : 'same', number: item.number, title: item.title, fields };
  });
  for (const item of from.items) if (!seen.has(keyOf(item))) changes.push({ kind: 'removed', number: item.number, title: item.title, fields: [] });
  return changes;
}

/** What changed outside the items (attendance, free text, actions, next meeting). */
export function compareGeneral(from: MinutesDocument, to: MinutesDocument): FieldChange[] {
  return changedFields(GENERAL_FIELDS, from, to);
}

/** The addendum's lines: "Punkt 2 (Budget 2027): beslutning ændret." */
export function changeSummary(from: MinutesDocument, to: MinutesDocument): string[] {
  const lines = compareItems(from, to).flatMap((c) => {
    if (c.kind === 'added') return [`Punkt ${c.number} (${c.title}) er tilføjet.`];
    if (c.kind === 'removed') return [`Punkt ${c.number} (${c.title}) i version ${from.version} er fjernet.`];
    if (c.kind === 'changed') return [`Punkt ${c.number} (${c.title}): ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} ændret.`];
    return [];
  });
  for (const f of compareGeneral(from, to)) lines.push(`${f.label} ændret.`);
  return lines.length ? lines : ['Ingen ændringer i referatets indhold.'];
}
