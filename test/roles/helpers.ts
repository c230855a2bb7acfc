// Factories for the roles tests: evidence notes and initiatives made through their services.
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { EvidenceForm } from '../../server/roles/schemas';
import { recordEvidence } from '../../server/roles/service';
import { anInitiative as anInitiativeWith } from '../initiatives/helpers';

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

/** An initiative made through the initiatives service (the roles tests only link to it). */
export function anInitiative(db: Db, title: string): Promise<number> {
  return anInitiativeWith(db, { title, status: 'afproeves' });
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
