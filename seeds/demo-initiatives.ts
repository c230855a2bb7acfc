// Demonstration initiatives, a trial action with an effect measure, and a few meetings with
// agenda, actions and draft minutes. Invented content is carried by the fictional staff only;
// the real representatives are at most invited to a future meeting. Idempotent by title.
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema';
import { SYSTEM_ACTOR } from '../server/db/audit';
import type { Db } from '../server/db/database';
import {
  addCitizenStory,
  addEffectMeasure,
  addMeasurement,
  addPartner,
  addProgressUpdate,
  changeStatus,
  createInitiative,
  type Who,
} from '../server/initiatives/service';
import type { InitiativeForm } from '../server/initiatives/schemas';
import { createMeeting } from '../server/meetings/service';
import { addAgendaItem } from '../server/meetings/agenda';
import { createAction } from '../server/actions/service';
import { saveMinutesText } from '../server/meetings/minutes';
import { CONSULTANT_NAME, PARTNERSHIP_NAME } from './partnership';
import { addDays } from '../server/initiatives/service';

const WHO: Who = { actor: SYSTEM_ACTOR, personId: null };

async function idOf(db: Kysely<Database>, table: 'organisations' | 'people', name: string): Promise<number | null> {
  const row = await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

function blank(over: Partial<InitiativeForm> & { title: string }): InitiativeForm {
  return {
    kind: 'initiativ',
    description: '',
    partnership_id: null,
    kerneopgaver: [],
    place_ids: [],
    role_keys: [],
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
    ...over,
  };
}

export async function seedDemoInitiatives(db: Db, at: Date): Promise<number> {
  const today = at.toISOString().slice(0, 10);
  const partnership = await db.selectFrom('partnerships').select('id').where('name', '=', PARTNERSHIP_NAME).executeTakeFirst();
  const plejecenter = await idOf(db, 'organisations', 'Plejecentret i Uldum');
  const skole = await idOf(db, 'organisations', 'Skolen i Uldum');
  const daginstitution = await idOf(db, 'organisations', 'Daginstitutionen i Uldum');
  const lokalsamfund = await idOf(db, 'organisations', 'Lokalsamfundet Uldum');
  const mette = await idOf(db, 'people', 'Mette Holm');
  const lars = await idOf(db, 'people', 'Lars Mikkelsen');
  const sofie = await idOf(db, 'people', 'Sofie Dam');
  const birgit = await idOf(db, 'people', 'Birgit Sørensen');
  const consultant = await idOf(db, 'people', CONSULTANT_NAME);
  const places = (...ids: Array<number | null>) => ids.filter((x): x is number => x !== null);
  let created = 0;

  const initiatives: InitiativeForm[] = [
    blank({
      title: 'Ældre bager, børn synger',
      description: 'Beboere på plejecentret bager med børn fra daginstitutionen; børnene synger for beboerne.',
      partnership_id: partnership?.id ?? null,
      kerneopgaver: ['fritid-og-faellesskab'],
      place_ids: places(plejecenter, daginstitution),
      role_keys: ['netvaerkssmed', 'medbygger'],
      start_date: addDays(today, -120),
      intended_movement: 'Fra ensomhed til fællesskab på tværs af generationer.',
      citizen_role: 'medskaber',
      involvement_level: 'samskabelse',
      funding: 'Puljemidler (fiktivt eksempel)',
      funding_ends: addDays(today, 45),
    }),
    blank({
      title: 'Gåbus til skolen',
      description: 'Ældre elever følger de yngre til skole til fods.',
      partnership_id: partnership?.id ?? null,
      kerneopgaver: ['laering'],
      place_ids: places(skole, lokalsamfund),
      role_keys: ['ressourcedetektor', 'initiativdyrker'],
      start_date: addDays(today, -60),
      citizen_role: 'initiativtager',
      involvement_level: 'deltagelse',
    }),
    blank({
      title: 'Fælles dagsorden for lokale bestyrelser',
      description: 'Borgerforeningen, hallens bestyrelse og landsbyordningens bestyrelse mødes om én fælles dagsorden.',
      partnership_id: partnership?.id ?? null,
      kerneopgaver: ['fritid-og-faellesskab'],
      place_ids: places(lokalsamfund),
      role_keys: ['netvaerkssmed', 'meningsskaber'],
      citizen_role: 'medskaber',
      involvement_level: 'inddragelse',
    }),
  ];
  const brunch = blank({
    title: 'Brunch i plejeboligen',
    kind: 'proevehandling',
    description: 'Beboerne vælger selv, hvornår og hvad de spiser til morgen – afprøvet i otte uger.',
    partnership_id: partnership?.id ?? null,
    kerneopgaver: ['social-omsorg'],
    place_ids: places(plejecenter),
    role_keys: ['udforsker', 'medbygger'],
    start_date: addDays(today, -70),
    hypothesis: 'Når beboerne selv vælger tidspunkt for morgenmad, spiser de mere og oplever mere selvbestemmelse.',
    freedom_from: 'Fast morgenmad kl. 7.30 for alle.',
    freedom_to: 'Brunch mellem 8 og 11, hvor beboeren selv vælger.',
    success_criteria: 'Flere beboere vælger selv morgenmad; færre måltider bliver efterladt.',
    citizen_role: 'medskaber',
    involvement_level: 'deltagelse',
  });

  for (const form of [...initiatives, brunch]) {
    if (await db.selectFrom('initiatives').select('id').where('title', '=', form.title).executeTakeFirst()) continue;
    const id = await createInitiative(db, form, WHO, at);
    created++;
    await changeStatus(db, id, form.kind === 'proevehandling' ? 'afproeves' : 'planlagt', 'Demoindhold: aftalt i arbejdsgruppen', WHO, at);
    if (form.title === 'Ældre bager, børn synger') {
      if (plejecenter) await addPartner(db, id, { organisation_id: plejecenter, person_id: mette, contribution: 'Køkken og beboere' }, WHO, at);
      if (daginstitution) await addPartner(db, id, { organisation_id: daginstitution, person_id: sofie, contribution: 'Børnegruppe og sange' }, WHO, at);
      await addProgressUpdate(db, id, { date: addDays(today, -30), happened: 'Første bagedag med 8 beboere og 12 børn.', effect_seen: 'Beboerne fortalte om deres egne bagedage.', learning: 'Små grupper fungerer bedst.' }, WHO, at);
    }
    if (form.kind === 'proevehandling') {
      const measure = await addEffectMeasure(db, id, { indicator: 'Beboere der selv vælger tidspunkt for morgenmad', unit: 'beboere', baseline: 2, target: 12 }, WHO, at);
      for (const [days, value] of [[-63, 3], [-42, 6], [-21, 8], [-7, 10]] as const) {
        await addMeasurement(db, id, measure, { date: addDays(today, days), value, note: '' }, WHO, at);
      }
      await addCitizenStory(db, id, { date: addDays(today, -14), kerneopgave_key: 'social-omsorg', story: 'En beboer, der før sjældent spiste morgenmad, sidder nu længe ved bordet og snakker med de andre.' }, WHO, at);
    }
  }

  // Meetings: a held working-group meeting with fictional staff and draft minutes, and a planned
  // partnership meeting (the representatives are only invited).
  if (partnership && !(await db.selectFrom('meetings').select('id').where('title', '=', 'Arbejdsgruppe: samskabelse på plejecentret').executeTakeFirst())) {
    const staff = places(mette, lars, sofie, birgit, consultant);
    const start = new Date(at.getTime() - 14 * 86400_000);
    const day = start.toISOString().slice(0, 10);
    const meetingId = await createMeeting(
      db,
      {
        partnership_id: partnership.id,
        title: 'Arbejdsgruppe: samskabelse på plejecentret',
        kind: 'arbejdsgruppe',
        day,
        start_time: '13:00',
        end_time: '14:30',
        place: 'Plejecentret i Uldum, fælles stue',
        convener_id: consultant,
        chair_id: birgit,
        minute_taker_id: consultant,
        participant_ids: staff,
      },
      SYSTEM_ACTOR,
      at,
    );
    const item = await addAgendaItem(
      db,
      meetingId,
      {
        title: 'Brunch i plejeboligen – status efter seks uger',
        kind: 'droeftelse',
        background: 'Prøvehandlingen har kørt i seks uger.',
        discussion: 'Personalet oplever roligere morgener. Nattevagten skal orienteres bedre.',
        decision: '',
        initiative_ids: [],
        dilemma_ids: [],
      },
      SYSTEM_ACTOR,
      at,
    );
    await createAction(db, meetingId, { text: 'Orientér nattevagten om brunch-ordningen', owner_id: mette, due_date: addDays(today, 7), status: 'aaben', agenda_item_id: item, initiative_id: null }, SYSTEM_ACTOR, at);
    await db.updateTable('meetings').set({ status: 'afholdt' }).where('id', '=', meetingId).execute();
    await db
      .updateTable('meeting_participants')
      .set({ attendance: 'deltog' })
      .where('meeting_id', '=', meetingId)
      .execute();
    await saveMinutesText(db, meetingId, { free_text: 'Demoreferat med fiktive deltagere.', next_meeting: 'Aftales nærmere' }, SYSTEM_ACTOR, at);

    const next = new Date(at.getTime() + 21 * 86400_000).toISOString().slice(0, 10);
    const representatives = await db
      .selectFrom('partnership_members')
      .select('person_id')
      .where('partnership_id', '=', partnership.id)
      .where('is_representative', '=', 1)
      .execute();
    await createMeeting(
      db,
      {
        partnership_id: partnership.id,
        title: 'Partnerskabsmøde: status på samskabelse i Uldum',
        kind: 'partnerskabsmoede',
        day: next,
        start_time: '14:00',
        end_time: '16:00',
        place: 'Uldum Skole',
        convener_id: consultant,
        chair_id: null,
        minute_taker_id: consultant,
        participant_ids: representatives.map((r) => r.person_id),
      },
      SYSTEM_ACTOR,
      at,
    );
    created += 2;
  }
  return created;
}
