// The typed database interface Kysely checks every query against. One interface per table.
// Dates and times are ISO-8601 text (UTC for instants, YYYY-MM-DD for days); booleans are 0/1.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A 0/1 integer column that reads as number and is written as number. */
export type Flag = number;

export const APP_ROLES = ['admin', 'konsulent', 'repraesentant', 'laeser'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const ORGANISATION_KINDS = [
  'kommune',
  'fagforening',
  'institution',
  'forening',
  'frivillig organisation',
  'virksomhed',
  'uddannelsesinstitution',
  'borgergruppe',
  'andet',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PERSON_POSITIONS = ['repraesentant', 'konsulent', 'leder', 'medarbejder', 'frivillig', 'andet'] as const;
export type PersonPosition = (typeof PERSON_POSITIONS)[number];

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  kind: OrganisationKind;
  description: string;
  active: Flag;
  sort_key: string;
  search_key: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  title: string;
  organisation_id: number | null;
  email: string | null;
  phone: string | null;
  position: PersonPosition;
  active: Flag;
  anonymised_at: string | null;
  sort_key: string;
  search_key: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: AppRole;
  person_id: number;
  disabled: Flag;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  sid: string;
  data: string;
  user_id: number | null;
  expires_at: string;
}

export interface PartnershipTable {
  id: Generated<number>;
  name: string;
  purpose: string;
  project_area: string;
  start_date: string | null;
  meeting_cadence: string;
  created_at: string;
  updated_at: string;
}

export interface PartnershipPartyTable {
  partnership_id: number;
  organisation_id: number;
  sort_order: number;
}

/** A person's place in a partnership: a party's representative, and whether they convene meetings. */
export interface PartnershipMemberTable {
  partnership_id: number;
  person_id: number;
  is_representative: Flag;
  convenes_meetings: Flag;
}

export interface RoleTable {
  key: string;
  kind: 'medarbejder' | 'leder';
  name: string;
  description: string;
  source: string;
  sort_order: number;
  retired: Flag;
}

export interface KerneopgaveTable {
  key: string;
  name: string;
  movement: string;
  sort_order: number;
}

export interface FocusAspectTable {
  key: string;
  name: string;
  description: string;
  sort_order: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface Database {
  organisations: OrganisationTable;
  people: PersonTable;
  users: UserTable;
  sessions: SessionTable;
  partnerships: PartnershipTable;
  partnership_parties: PartnershipPartyTable;
  partnership_members: PartnershipMemberTable;
  roles: RoleTable;
  kerneopgaver: KerneopgaveTable;
  focus_aspects: FocusAspectTable;
  audit_log: AuditLogTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type User = Selectable<UserTable>;
export type Role = Selectable<RoleTable>;
export type AuditEntry = Selectable<AuditLogTable>;
