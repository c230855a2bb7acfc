// Factories for the roles tests: evidence notes made through the service, and an initiative row
// (the initiatives feature is built elsewhere, so it is inserted directly).
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { EvidenceForm } from '../../server/roles/schemas';
import { recordEvidence } from '../../server/roles/service';
import { sortKey } from '../../server/db/text-keys';

export const AT = new Date('2026-11-24T10:00:00Z');

export async function anEvidence(db: Db, over: Partial<EvidenceForm> = {}, recordedBy: number | null = null): Promise<number> {
  return recordEvidence(
    db,
    {
      role_key: 'ressourcedetektor',
      date: '2026-10-01',
      person_id: null,
      team: 'Aftenvagten på plejecentret',
      organisation_id: null,
      initiative_id: null,
      meeting_id: null,
      note: 'Fik øje på en nabo, der gerne ville hjælpe med indkøb.',
      ...over,
    },
    recordedBy,
    SYSTEM_ACTOR,
    AT,
  );
}

export async function anInitiative(db: Db, title: string): Promise<number> {
  const now = AT.toISOString();
  const { id } = await db
    .insertInto('initiatives')
    .values({
      partnership_id: null,
      kind: 'initiativ',
      title,
      description: '',
      status: 'afproeves',
      start_date: null,
      end_date: null,
      intended_movement: '',
      citizen_role: null,
      involvement_level: null,
      funding: '',
      funding_ends: null,
      anchoring_plan: '',
      hypothesis: '',
      freedom_from: '',
      freedom_to: '',
      trial_start: null,
      trial_end: null,
      success_criteria: '',
      result: '',
      trial_decision: null,
      sort_key: sortKey(title),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A valid evidence form as the browser sends it. */
export function evidenceForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    role_key: 'medbygger',
    date: '2026-11-20',
    person_id: '',
    team: 'Aftenvagten på plejecentret',
    organisation_id: '',
    initiative_id: '',
    meeting_id: '',
    note: 'Byggede en løsning sammen med en beboer og dennes datter.',
    ...over,
  };
}
