// The public version of the minutes names only the partnership's representatives; everyone else
// (employees, citizens' associations, guests) appears by their organisation. Worked out when a
// version is frozen, so the public version of an approved referat never changes afterwards.
import type { Db } from '../db/database';

/** Shown for a person without an organisation. */
export const NAMELESS = 'Deltager';

/** "Navn (Organisation)": how the referat lists a person with an organisation. */
export const labelOf = (name: string, organisation: string | null | undefined) => (organisation ? `${name} (${organisation})` : name);

/**
 * Each name (and "Navn (Organisation)") of the given people who are not representatives of the
 * partnership, mapped to the organisation to show instead. A name two people share stays hidden
 * unless both represent a party.
 */
export async function publicNamesOf(db: Db, partnershipId: number, people: Array<{ name: string }>): Promise<Record<string, string>> {
  const names = [...new Set(people.map((p) => p.name))];
  if (names.length === 0) return {};
  const rows = await db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .leftJoin('partnership_members', (join) => join.onRef('partnership_members.person_id', '=', 'people.id').on('partnership_members.partnership_id', '=', partnershipId))
    .select(['people.name', 'organisations.name as organisation_name', 'partnership_members.is_representative'])
    .where('people.name', 'in', names)
    .execute();
  const hidden: Record<string, string> = {};
  const representatives = new Set(names.filter((n) => rows.some((r) => r.name === n) && rows.every((r) => r.name !== n || r.is_representative === 1)));
  for (const r of rows) {
    if (representatives.has(r.name)) continue;
    const shown = r.organisation_name ?? NAMELESS;
    hidden[r.name] = shown;
    hidden[labelOf(r.name, r.organisation_name)] = shown;
  }
  return hidden;
}

/**
 * A name field as the public version shows it: "Navn (Org)" or "Navn" becomes the organisation,
 * also in "Navn (Org) – forlod mødet". A name not in the map (a representative) stays.
 */
export function publicName(value: string, hidden: Record<string, string>): string {
  if (value === '') return value;
  if (Object.hasOwn(hidden, value)) return hidden[value];
  const dash = value.indexOf(' – ');
  if (dash > 0 && Object.hasOwn(hidden, value.slice(0, dash))) return hidden[value.slice(0, dash)] + value.slice(dash);
  return value;
}
