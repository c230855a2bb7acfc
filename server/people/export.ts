// Everything stored about a person, for a request for access or data portability (GDPR art. 15
// and 20): one JSON document whose `om_udtrækket` explains each part in Danish. Each part names
// the columns referring to a person or user account that it answers for; a test checks that
// together they cover every such foreign key in the schema, so a new one cannot be forgotten.
import type { Db } from '../db/database';
import { NotFound } from '../web/errors';

interface Who {
  personId: number;
  /** The person's user account, if any. */
  userId: number | null;
}

interface Part {
  key: string;
  /** What the part holds, in Danish, for the reader of the export. */
  about: string;
  /** The `table.column` references to people or users this part answers for. */
  covers: string[];
  rows: (db: Db, who: Who) => Promise<unknown>;
}

const withoutKeys = <T extends Record<string, unknown>>(row: T, keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

/** An audit snapshot as JSON, read back into an object (it was written by JSON.stringify). */
const snapshot = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A part about the user account: empty for a person without one. */
const ofAccount =
  <T>(rows: (db: Db, userId: number) => Promise<T[]>) =>
  (db: Db, { userId }: Who): Promise<T[]> =>
    userId === null ? Promise.resolve([]) : rows(db, userId);

const PARTS: Part[] = [
  {
    key: 'person',
    about: 'Personen som registreret: navn, titel, organisation, e-mail, telefon, rolle i arbejdet, status og hvornår posten blev oprettet og ændret.',
    covers: [],
    rows: async (db, { personId }) => {
      const row = await db
        .selectFrom('people')
        .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
        .selectAll('people')
        .select('organisations.name as organisation_name')
        .where('people.id', '=', personId)
        .executeTakeFirstOrThrow();
      return withoutKeys(row, ['sort_key', 'search_key']); // copies of the name for sorting and search
    },
  },
  {
    key: 'brugerkonto',
    about:
      'Personens brugerkonto, hvis der er en: e-mail, brugerrolle, om kontoen er deaktiveret, seneste login og om der er oprettet en personlig kalenderadresse. Adgangskoden gemmes kun som en envejs-hash og kalenderadressens hemmelige nøgle udleveres ikke; ingen af dem er med.',
    covers: ['users.person_id'],
    rows: async (db, { personId }) => {
      const row = await db.selectFrom('users').selectAll().where('person_id', '=', personId).executeTakeFirst();
      if (!row) return null;
      return { ...withoutKeys(row, ['password_hash', 'calendar_token']), kalenderadresse_oprettet: row.calendar_token !== null };
    },
  },
  {
    key: 'login_og_adgang',
    about:
      'Hvordan brugerkontoen logger ind: koblinger til organisationens login (udbyder, e-mail og hvornår), anmodninger om adgang (også dem, personen som administrator har afgjort) og hvor mange engangskoder til gendannelse der er udstedt og brugt. Koderne selv og hemmeligheden bag tofaktorkoden gemmes kun krypteret eller som hash og er ikke med.',
    covers: ['user_identities.user_id', 'access_requests.user_id', 'access_requests.decided_by', 'recovery_codes.user_id'],
    rows: async (db, { userId }) => {
      if (userId === null) return null;
      const identities = await db.selectFrom('user_identities').select(['issuer', 'email', 'created_at']).where('user_id', '=', userId).orderBy('id').execute();
      const requests = await db
        .selectFrom('access_requests')
        .select(['id', 'issuer', 'email', 'name', 'status', 'user_id', 'created_at', 'decided_at', 'decided_by'])
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('decided_by', '=', userId)]))
        .orderBy('id')
        .execute();
      const codes = await db.selectFrom('recovery_codes').select('used_at').where('user_id', '=', userId).execute();
      return {
        koblinger: identities,
        adgangsanmodninger: requests,
        gendannelseskoder: { udstedt: codes.length, brugt: codes.filter((c) => c.used_at !== null).length },
      };
    },
  },
  {
    key: 'e_mails',
    about:
      'E-mails, appen har lagt i udbakken til personen eller brugerkontoen: adresse, type, emne, status, antal forsøg og hvornår de blev lagt i kø og sendt. Selve teksten er ikke med, da den kan rumme personlige links (fx til at vælge en adgangskode); links til adgangskode er listet herunder uden deres hemmelige nøgle. Desuden de slags beskeder, brugeren har slået fra eller til på sin profil (valg, der ikke står her, er som standard).',
    covers: ['outbox.person_id', 'outbox.user_id', 'account_tokens.user_id', 'mail_preferences.user_id'],
    rows: async (db, { personId, userId }) => {
      const messages = await db
        .selectFrom('outbox')
        .select(['id', 'kind', 'to_address', 'to_name', 'subject', 'status', 'attempts', 'created_at', 'sent_at'])
        .where((eb) => eb.or([eb('person_id', '=', personId), ...(userId === null ? [] : [eb('user_id', '=', userId)])]))
        .orderBy('id')
        .execute();
      const links = userId === null ? [] : await db.selectFrom('account_tokens').select(['purpose', 'created_at', 'expires_at', 'used_at']).where('user_id', '=', userId).orderBy('id').execute();
      const choices = userId === null ? [] : await db.selectFrom('mail_preferences').select(['topic', 'enabled']).where('user_id', '=', userId).orderBy('topic').execute();
      return { beskeder: messages, links_til_adgangskode: links, valg_af_beskeder: choices };
    },
  },
  {
    key: 'sessioner',
    about: 'Brugerkontoens aktive logins (sessioner), med hvornår de udløber. Sessionens nøgle og indhold er tekniske og udleveres ikke.',
    covers: ['sessions.user_id'],
    rows: ofAccount((db, userId) => db.selectFrom('sessions').select('expires_at').where('user_id', '=', userId).orderBy('expires_at').execute()),
  },
  {
    key: 'partnerskaber',
    about: 'Partnerskaber, personen er medlem af: om personen er repræsentant for sin part, og om personen indkalder til møder.',
    covers: ['partnership_members.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('partnership_members')
        .innerJoin('partnerships', 'partnerships.id', 'partnership_members.partnership_id')
        .selectAll('partnership_members')
        .select('partnerships.name as partnership_name')
        .where('partnership_members.person_id', '=', personId)
        .orderBy('partnerships.name')
        .execute(),
  },
  {
    key: 'mødedeltagelse',
    about: 'Møder, personen var inviteret til, med fremmøde: inviteret, deltog, afbud eller udeblev.',
    covers: ['meeting_participants.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('meeting_participants')
        .innerJoin('meetings', 'meetings.id', 'meeting_participants.meeting_id')
        .selectAll('meeting_participants')
        .select(['meetings.title as meeting_title', 'meetings.starts_at as meeting_starts_at'])
        .where('meeting_participants.person_id', '=', personId)
        .orderBy('meetings.starts_at')
        .execute(),
  },
  {
    key: 'møderoller',
    about: 'Møder, hvor personen er indkalder, mødeleder eller referent.',
    covers: ['meetings.convener_id', 'meetings.chair_id', 'meetings.minute_taker_id'],
    rows: async (db, { personId }) => {
      const meetings = await db
        .selectFrom('meetings')
        .select(['id as meeting_id', 'title as meeting_title', 'starts_at as meeting_starts_at', 'convener_id', 'chair_id', 'minute_taker_id'])
        .where((eb) => eb.or([eb('convener_id', '=', personId), eb('chair_id', '=', personId), eb('minute_taker_id', '=', personId)]))
        .orderBy('starts_at')
        .execute();
      return meetings.map(({ convener_id, chair_id, minute_taker_id, ...m }) => ({
        ...m,
        roller: [convener_id === personId && 'indkalder', chair_id === personId && 'mødeleder', minute_taker_id === personId && 'referent'].filter(Boolean),
      }));
    },
  },
  {
    key: 'fremlæggelser',
    about: 'Dagsordenspunkter, personen fremlægger (står på dagsordenen som "Fremlægges af").',
    covers: ['agenda_items.presenter_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('agenda_items')
        .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
        .select(['agenda_items.id as agenda_item_id', 'agenda_items.title', 'meetings.id as meeting_id', 'meetings.title as meeting_title', 'meetings.starts_at as meeting_starts_at'])
        .where('agenda_items.presenter_id', '=', personId)
        .orderBy('meetings.starts_at')
        .execute(),
  },
  {
    key: 'opfølgningspunkter',
    about: 'Opfølgningspunkter (hvad, hvem, hvornår), personen er ansvarlig for, med status og mødet de blev aftalt på.',
    covers: ['actions.owner_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('actions')
        .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
        .selectAll('actions')
        .select('meetings.title as meeting_title')
        .where('actions.owner_id', '=', personId)
        .orderBy('actions.id')
        .execute(),
  },
  {
    key: 'kommentarer',
    about: 'Kommentarer, personen har skrevet til møder, referatudkast og initiativer.',
    covers: ['comments.person_id'],
    rows: (db, { personId }) => db.selectFrom('comments').selectAll().where('person_id', '=', personId).orderBy('id').execute(),
  },
  {
    key: 'referatgodkendelser',
    about: 'Referater, personen har godkendt på sin parts vegne: møde, version, part og tidspunkt (og en eventuel bemærkning).',
    covers: ['minutes_approvals.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('minutes_approvals')
        .innerJoin('minutes', 'minutes.id', 'minutes_approvals.minutes_id')
        .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
        .innerJoin('organisations', 'organisations.id', 'minutes_approvals.organisation_id')
        .selectAll('minutes_approvals')
        .select(['meetings.id as meeting_id', 'meetings.title as meeting_title', 'organisations.name as party'])
        .where('minutes_approvals.person_id', '=', personId)
        .orderBy('minutes_approvals.id')
        .execute(),
  },
  {
    key: 'protokolbemærkninger',
    about: 'Bemærkninger til referatet, personen har givet ved godkendelse på sin parts vegne, og begrundelser, når parten ikke godkendte: møde, version, punkt og tekst.',
    covers: ['minutes_remarks.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('minutes_remarks')
        .innerJoin('minutes', 'minutes.id', 'minutes_remarks.minutes_id')
        .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
        .select(['minutes_remarks.version', 'minutes_remarks.item_number', 'minutes_remarks.kind', 'minutes_remarks.text', 'minutes_remarks.created_at'])
        .select(['meetings.id as meeting_id', 'meetings.title as meeting_title'])
        .where('minutes_remarks.person_id', '=', personId)
        .orderBy('minutes_remarks.id')
        .execute(),
  },
  {
    key: 'fremmøde_under_punkter',
    about: 'Dagsordenspunkter, hvor personen er noteret som fraværende, inhabil eller gæst under netop det punkt.',
    covers: ['item_attendance.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('item_attendance')
        .innerJoin('agenda_items', 'agenda_items.id', 'item_attendance.agenda_item_id')
        .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
        .select(['item_attendance.kind', 'item_attendance.note', 'agenda_items.title as item_title', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
        .where('item_attendance.person_id', '=', personId)
        .orderBy('item_attendance.id')
        .execute(),
  },
  {
    key: 'referater_sendt_til_godkendelse',
    about: 'Referatversioner, personen (som bruger) har sendt til godkendelse: møde, version og tidspunkt. Referatets indhold står på mødets side.',
    covers: ['minutes_versions.sent_by'],
    rows: ofAccount((db, userId) =>
      db
        .selectFrom('minutes_versions')
        .innerJoin('minutes', 'minutes.id', 'minutes_versions.minutes_id')
        .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
        .select(['meetings.id as meeting_id', 'meetings.title as meeting_title', 'minutes_versions.version', 'minutes_versions.sent_at', 'minutes_versions.locked_at'])
        .where('minutes_versions.sent_by', '=', userId)
        .orderBy('minutes_versions.id')
        .execute(),
    ),
  },
  {
    key: 'rolleobservationer_om_personen',
    about: 'Observationer af, at personen udøvede en af de nye roller: rolle, dato, team, sted og beskrivelse.',
    covers: ['role_evidence.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('role_evidence')
        .innerJoin('roles', 'roles.key', 'role_evidence.role_key')
        .selectAll('role_evidence')
        .select('roles.name as role_name')
        .where('role_evidence.person_id', '=', personId)
        .orderBy('role_evidence.id')
        .execute(),
  },
  {
    key: 'rolleobservationer_skrevet_af_personen',
    about: 'Rolleobservationer, personen har registreret (om sig selv, andre eller et team).',
    covers: ['role_evidence.recorded_by'],
    rows: (db, { personId }) =>
      db
        .selectFrom('role_evidence')
        .innerJoin('roles', 'roles.key', 'role_evidence.role_key')
        .selectAll('role_evidence')
        .select('roles.name as role_name')
        .where('role_evidence.recorded_by', '=', personId)
        .orderBy('role_evidence.id')
        .execute(),
  },
  {
    key: 'initiativpartner',
    about: 'Initiativer, personen er partner i, og hvad personen bidrager med.',
    covers: ['initiative_partners.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('initiative_partners')
        .innerJoin('initiatives', 'initiatives.id', 'initiative_partners.initiative_id')
        .selectAll('initiative_partners')
        .select('initiatives.title as initiative_title')
        .where('initiative_partners.person_id', '=', personId)
        .orderBy('initiative_partners.id')
        .execute(),
  },
  {
    key: 'initiativ_statusskift',
    about: 'Statusskift på initiativer, personen har foretaget, med begrundelse.',
    covers: ['initiative_status_log.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('initiative_status_log')
        .innerJoin('initiatives', 'initiatives.id', 'initiative_status_log.initiative_id')
        .selectAll('initiative_status_log')
        .select('initiatives.title as initiative_title')
        .where('initiative_status_log.person_id', '=', personId)
        .orderBy('initiative_status_log.id')
        .execute(),
  },
  {
    key: 'effektopfoelgning',
    about: 'Effektopfølgninger pr. periode, personen har indberettet eller godkendt: initiativ, indikator, periode, værdi, beskrivelse, dokumentation og status.',
    covers: ['effect_updates.reported_by', 'effect_updates.approved_by'],
    rows: (db, { personId }) =>
      db
        .selectFrom('effect_updates')
        .innerJoin('effect_measures', 'effect_measures.id', 'effect_updates.measure_id')
        .innerJoin('initiatives', 'initiatives.id', 'effect_measures.initiative_id')
        .selectAll('effect_updates')
        .select(['effect_measures.indicator', 'initiatives.title as initiative_title'])
        .where((eb) => eb.or([eb('effect_updates.reported_by', '=', personId), eb('effect_updates.approved_by', '=', personId)]))
        .orderBy('effect_updates.id')
        .execute(),
  },
  {
    key: 'initiativ_forløb',
    about: 'Indlæg i initiativers forløbslog, personen har skrevet: hvad skete, hvilken effekt og hvad blev lært.',
    covers: ['initiative_updates.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('initiative_updates')
        .innerJoin('initiatives', 'initiatives.id', 'initiative_updates.initiative_id')
        .selectAll('initiative_updates')
        .select('initiatives.title as initiative_title')
        .where('initiative_updates.person_id', '=', personId)
        .orderBy('initiative_updates.id')
        .execute(),
  },
  {
    key: 'borgerhistorier_registreret',
    about: 'Anonyme borgerhistorier, personen har registreret.',
    covers: ['citizen_stories.person_id'],
    rows: (db, { personId }) =>
      db
        .selectFrom('citizen_stories')
        .innerJoin('initiatives', 'initiatives.id', 'citizen_stories.initiative_id')
        .selectAll('citizen_stories')
        .select('initiatives.title as initiative_title')
        .where('citizen_stories.person_id', '=', personId)
        .orderBy('citizen_stories.id')
        .execute(),
  },
  {
    key: 'forklar_eller_fjern',
    about: '"Forklar eller fjern"-punkter (regler og rutiner til afbureaukratisering), personen har rejst.',
    covers: ['fef_items.raised_by'],
    rows: (db, { personId }) => db.selectFrom('fef_items').selectAll().where('raised_by', '=', personId).orderBy('id').execute(),
  },
  {
    key: 'opfoelgning_taget_op',
    about: 'Opfølgninger ("tages op igen") på beslutninger, prøvehandlinger og "forklar eller fjern"-punkter, som personen har markeret som taget op, med dato.',
    covers: ['reviews.handled_by'],
    rows: (db, { personId }) => db.selectFrom('reviews').selectAll().where('handled_by', '=', personId).orderBy('id').execute(),
  },
  {
    key: 'forslag_til_dagsorden',
    about:
      'Forslag til dagsordenen, personen har stillet eller som konsulent har taget stilling til (titel, baggrund, ønsket punkttype, status, begrundelse for et afslag), og dagsordenspunkter, der står som foreslået af personen.',
    covers: ['proposals.proposed_by', 'proposals.decided_by', 'agenda_items.proposed_by'],
    rows: async (db, { personId, userId }) => ({
      forslag: await db
        .selectFrom('proposals')
        .selectAll()
        .where((eb) => eb.or([eb('proposed_by', '=', personId), eb('decided_by', '=', userId ?? -1)]))
        .orderBy('id')
        .execute(),
      foreslåede_punkter: await db
        .selectFrom('agenda_items')
        .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
        .select(['agenda_items.id as agenda_item_id', 'agenda_items.title', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
        .where('agenda_items.proposed_by', '=', personId)
        .orderBy('agenda_items.id')
        .execute(),
    }),
  },
  {
    key: 'bilag_tilføjet',
    about: 'Bilag, personen har tilføjet som bruger: titel, filnavn, type, størrelse, hvornår og til hvilket møde eller forslag. Filernes indhold udleveres fra mødets side.',
    covers: ['attachments.created_by'],
    rows: ofAccount((db, userId) =>
      db
        .selectFrom('attachments')
        .select(['id', 'meeting_id', 'agenda_item_id', 'proposal_id', 'title', 'file_name', 'mime', 'size', 'created_at'])
        .where('created_by', '=', userId)
        .orderBy('id')
        .execute(),
    ),
  },
  {
    key: 'api_noegler_udstedt',
    about: 'API-nøgler til åbne data, som personen har udstedt som administrator: navn, hvornår de blev udstedt, sidst brugt og trukket tilbage. Selve nøglen gemmes ikke og kan ikke udleveres.',
    covers: ['api_tokens.created_by'],
    rows: ofAccount((db, userId) =>
      db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at']).where('created_by', '=', userId).orderBy('id').execute(),
    ),
  },
  {
    key: 'logposter_om_personen',
    about: 'Revisionsloggens poster om personen og brugerkontoen: hvornår, hvilken bruger (id), handling og posten før og efter.',
    covers: [],
    rows: async (db, { personId, userId }) => {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('entity', '=', 'person'), eb('entity_id', '=', String(personId))]),
            eb.and([eb('entity', '=', 'user'), eb('entity_id', '=', String(userId ?? ''))]),
          ]),
        )
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, before: snapshot(r.before), after: snapshot(r.after) }));
    },
  },
  {
    key: 'logposter_udført_af_personen',
    about:
      'Revisionsloggens poster over ændringer, personen har foretaget som bruger: hvornår, handling og hvilken post. Postens indhold før og efter er ikke med, fordi det handler om andre.',
    covers: ['audit_log.user_id'],
    rows: ofAccount((db, userId) => db.selectFrom('audit_log').select(['id', 'at', 'action', 'entity', 'entity_id']).where('user_id', '=', userId).orderBy('id').execute()),
  },
];

/** Every `table.column` referring to a person or user that the export answers for. */
export const PERSON_EXPORT_COVERS: readonly string[] = PARTS.flatMap((p) => p.covers);

const ABOUT = {
  beskrivelse:
    'Udtræk af alle oplysninger, Uldum Samskabelse har registreret om personen (indsigt og dataportabilitet, databeskyttelsesforordningens artikel 15 og 20). Hver del nedenfor er forklaret under "indhold". Tider er UTC i ISO 8601; id\'er henviser til poster i systemet.',
  ikke_registreret:
    'Erfaringer og dilemmaer registrerer ikke, hvem der har skrevet dem, og indgår derfor ikke. Navnet kan forekomme i fritekst skrevet af andre (fx dagsordener og referater); den tekst findes på de pågældende sider.',
};

/** Everything stored about a person, as one JSON-ready object with a Danish explanation first. */
export async function exportPerson(db: Db, personId: number, at: Date) {
  const person = await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFound();
  const account = await db.selectFrom('users').select('id').where('person_id', '=', personId).executeTakeFirst();
  const who: Who = { personId, userId: account?.id ?? null };
  const result: Record<string, unknown> = {
    om_udtrækket: {
      ...ABOUT,
      person_id: personId,
      dannet: at.toISOString(),
      indhold: Object.fromEntries(PARTS.map((p) => [p.key, p.about])),
    },
  };
  for (const part of PARTS) result[part.key] = await part.rows(db, who);
  return result;
}
