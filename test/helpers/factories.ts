// Factories: a test states only what matters to it; the rest gets sensible defaults.
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createOrganisation } from '../../server/organisations/service';
import { createPerson } from '../../server/people/service';
import type { OrganisationForm } from '../../server/organisations/schemas';
import type { PersonForm } from '../../server/people/schemas';

const AT = new Date('2026-11-01T09:00:00Z');
let n = 0;

export async function anOrganisation(db: Db, over: Partial<OrganisationForm> = {}): Promise<number> {
  n++;
  return createOrganisation(db, { name: `Forening ${n}`, kind: 'forening', description: '', active: true, ...over }, SYSTEM_ACTOR, AT);
}

export async function aPerson(db: Db, over: Partial<PersonForm> = {}): Promise<number> {
  n++;
  return createPerson(
    db,
    { name: `Person ${n}`, title: '', organisation_id: null, email: null, phone: null, position: 'medarbejder', active: true, ...over },
    SYSTEM_ACTOR,
    AT,
  );
}

export async function organisationId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

// ---- meetings, agenda items, follow-up actions (test/meetings, test/actions) ----
import { createAccount } from '../../server/accounts/service';
import type { AppRole } from '../../server/db/schema';
import { createMeeting, markHeld } from '../../server/meetings/service';
import { addAgendaItem } from '../../server/meetings/agenda';
import { createAction } from '../../server/meetings/follow-up';
import { AgendaItemSchema, type AgendaItemForm, type MeetingForm } from '../../server/meetings/schemas';
import { ActionFormSchema, type ActionForm } from '../../server/meetings/schemas';
import { sendForApproval, type Approver } from '../../server/meetings/minutes';

/** The seeded Hedensted Kommune × FOA partnership. */
export async function partnershipId(db: Db): Promise<number> {
  return (await db.selectFrom('partnerships').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}

export async function personId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** A meeting made through createMeeting (so the follow-up item and carry-over happen as in use). */
export async function aMeeting(db: Db, over: Partial<MeetingForm> = {}, at: Date = AT): Promise<number> {
  n++;
  return createMeeting(
    db,
    {
      partnership_id: over.partnership_id ?? (await partnershipId(db)),
      title: `Møde ${n}`,
      kind: 'partnerskabsmoede',
      day: '2026-12-08',
      start_time: '14:00',
      end_time: '16:00',
      place: 'Uldum Skole',
      convener_id: null,
      chair_id: null,
      minute_taker_id: null,
      participant_ids: [],
      ...over,
    },
    SYSTEM_ACTOR,
    at,
  );
}

/** An agenda item form as the route would pass it: through the schema, so fields added later get their defaults. */
export function anAgendaItemForm(over: Partial<AgendaItemForm> = {}): AgendaItemForm {
  n++;
  return AgendaItemSchema.parse({ title: `Punkt ${n}`, kind: 'droeftelse', ...over });
}

export async function anAgendaItem(db: Db, meetingId: number, over: Partial<AgendaItemForm> = {}, at: Date = AT): Promise<number> {
  return addAgendaItem(db, meetingId, anAgendaItemForm(over), SYSTEM_ACTOR, at);
}

/** A follow-up action form (hvad, hvem, hvornår) parsed by the route's schema. */
export function anActionForm(over: Partial<ActionForm> = {}): ActionForm {
  n++;
  return ActionFormSchema.parse({ text: `Opfølgning ${n}`, status: 'aaben', ...over });
}

export async function anAction(db: Db, meetingId: number, over: Partial<ActionForm> = {}, at: Date = AT): Promise<number> {
  return createAction(db, meetingId, anActionForm(over), SYSTEM_ACTOR, at);
}

/** A user account (no session) for calling services directly, e.g. as an approver. */
export async function aUser(db: Db, role: AppRole, personName?: string): Promise<Approver> {
  n++;
  const existing = personName ? await personId(db, personName) : null;
  const userId = await createAccount(
    db,
    { email: `bruger${n}@test.dk`, password: 'korrekt-hest-batteri', role, personId: existing, name: `Bruger ${n}` },
    SYSTEM_ACTOR,
    AT,
  );
  const user = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirstOrThrow();
  return { userId, role, personId: user.person_id };
}

/** A meeting marked as held (afholdt), so its minutes can be sent for approval. */
export async function aHeldMeeting(db: Db, over: Partial<MeetingForm> = {}): Promise<number> {
  const id = await aMeeting(db, over);
  await markHeld(db, id, SYSTEM_ACTOR, AT);
  return id;
}

/** A held meeting whose minutes (version 1) await the parties' approval. */
export async function aMeetingAwaitingApproval(db: Db, over: Partial<MeetingForm> = {}): Promise<number> {
  const id = await aHeldMeeting(db, over);
  await sendForApproval(db, id, SYSTEM_ACTOR, AT);
  return id;
}
