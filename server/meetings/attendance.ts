// The parties' attendance at a glance: per party of the partnership, who came, sent apologies
// or stayed away; others (consultant's guests, local partners) counted apart.
import type { Db } from '../db/database';
import type { Attendance } from '../db/schema';
import { partiesOf } from '../partnerships/service';

export interface PartyAttendance {
  name: string;
  invited: number;
  counts: Record<Attendance, number>;
}

export async function attendanceByParty(
  db: Db,
  partnershipId: number,
  participants: Array<{ organisation_id: number | null; attendance: Attendance }>,
): Promise<PartyAttendance[]> {
  const parties = await partiesOf(db, [partnershipId]);
  const empty = (): Record<Attendance, number> => ({ inviteret: 0, deltog: 0, afbud: 0, udeblev: 0 });
  const rows: PartyAttendance[] = parties.map((p) => ({ name: p.name, invited: 0, counts: empty() }));
  const others: PartyAttendance = { name: 'Øvrige deltagere', invited: 0, counts: empty() };
  for (const person of participants) {
    const index = parties.findIndex((p) => p.id === person.organisation_id);
    const row = index >= 0 ? rows[index] : others;
    row.invited++;
    row.counts[person.attendance]++;
  }
  return others.invited ? [...rows, others] : rows;
}
