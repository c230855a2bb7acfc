// Anonymising a person (GDPR): the person record keeps its id, so meetings and history stay whole,
// and every stored copy of the name as text becomes the pseudonym: frozen minutes versions (what
// the minutes page and every export render), text written about the person, the audit log.
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { rewriteTextEverywhere } from '../db/rewrite-text';
import { searchKey, sortKey } from '../db/text-keys';
import { NotFound } from '../web/errors';
import { formatCount } from '../web/format';

export interface AnonymisationReport {
  alreadyAnonymised: boolean;
  pseudonym: string;
  /** The person had a user account (now disabled). */
  account: boolean;
  /** Rows outside the person's own whose text held the name, per table. */
  replaced: Record<string, number>;
  /** Other people with exactly the same name: text about them changed too. */
  sameName: number;
}

export const pseudonymOf = (id: number) => `Anonymiseret person ${id}`;

/**
 * Tables not rewritten as text: the people (the person's own row is set below; other people's
 * rows are theirs), the account (its e-mail is replaced below), sessions (the account's are ended;
 * others are not about the person) and the search index, which triggers keep in step.
 */
const OWN_HANDLING = new Set(['people', 'users', 'sessions']);
const skipTable = (name: string) => OWN_HANDLING.has(name) || name.startsWith('search_index');

/**
 * The name where it stands as a name: not inside a longer word or a double name
 * ("Petersen-Nielsen"); a Danish genitive s ("Petersens forslag") still counts.
 */
export function namePattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?=s?(?![\\p{L}\\p{N}-]))`, 'gu');
}

const keyRule = (key: (text: string) => string, name: string, pseudonym: string) => ({
  find: key(name),
  rewrite: (text: string) => text.split(key(name)).join(key(pseudonym)),
});

/**
 * Replaces a person's identifying data with a pseudonym in one transaction, with one audit entry
 * saying what changed (never the name). The account, if any, is disabled and signed out.
 */
export async function anonymisePerson(db: Db, id: number, actor: Actor, at: Date): Promise<AnonymisationReport> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    const account = await trx.selectFrom('users').select('id').where('person_id', '=', id).executeTakeFirst();
    if (before.anonymised_at) return { alreadyAnonymised: true, pseudonym: before.name, account: !!account, replaced: {}, sameName: 0 };

    const pseudonym = pseudonymOf(id);
    const set = {
      name: pseudonym,
      title: '',
      email: null,
      phone: null,
      active: 0,
      anonymised_at: at.toISOString(),
      sort_key: sortKey(pseudonym),
      search_key: searchKey(pseudonym),
      updated_at: at.toISOString(),
    };
    await trx.updateTable('people').set(set).where('id', '=', id).execute();

    // Earlier snapshots of the person and the account are redacted whole: they hold e-mail and
    // phone as well as the name.
    const redacted = JSON.stringify({ anonymiseret: true });
    const redact = async (entity: string, entityId: number) =>
      Number(
        (await trx.updateTable('audit_log').set({ before: redacted, after: redacted }).where('entity', '=', entity).where('entity_id', '=', String(entityId)).executeTakeFirst())
          .numUpdatedRows,
      );
    let redactedRows = await redact('person', id);
    if (account) {
      await trx.updateTable('users').set({ disabled: 1, email: `anonymiseret-${account.id}@invalid`, updated_at: at.toISOString() }).where('id', '=', account.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', account.id).execute();
      redactedRows += await redact('user', account.id);
      await trx.deleteFrom('account_tokens').where('user_id', '=', account.id).execute();
    }
    // E-mails to the person (address, name and text) are delivery records, not the history of the
    // work: they go. E-mails to others that name the person are rewritten below like other text.
    await trx
      .deleteFrom('outbox')
      .where((eb) => eb.or([eb('person_id', '=', id), ...(account ? [eb('user_id', '=', account.id)] : [])]))
      .execute();

    const pattern = namePattern(before.name);
    const replaced = await rewriteTextEverywhere(trx, {
      find: before.name,
      rewrite: (text) => text.replace(pattern, pseudonym),
      columnRules: { sort_key: keyRule(sortKey, before.name, pseudonym), search_key: keyRule(searchKey, before.name, pseudonym) },
      skipTable,
      // Another person's own snapshots hold their name, even when it is the same name.
      keepRows: { audit_log: (eb) => eb.and([eb('entity', '=', 'person'), eb('entity_id', '!=', String(id))]) },
    });
    if (redactedRows) replaced.audit_log = (replaced.audit_log ?? 0) + redactedRows;
    const sameName = (await trx.selectFrom('people').select('id').where('name', '=', before.name).where('id', '!=', id).execute()).length;

    await audit(trx, { actor, at, action: 'update', entity: 'person', entityId: id, after: { anonymised_at: set.anonymised_at, pseudonym, replaced } });
    if (account) await audit(trx, { actor, at, action: 'update', entity: 'user', entityId: account.id, after: { disabled: 1, anonymised: true } });
    return { alreadyAnonymised: false, pseudonym, account: !!account, replaced, sameName };
  });
}

/** What a table's rows are called in the report, singular and plural, in the order listed. */
const ROW_NAMES: Record<string, [string, string]> = {
  minutes_versions: ['referatversion', 'referatversioner'],
  minutes: ['referat', 'referater'],
  meetings: ['møde', 'møder'],
  agenda_items: ['dagsordenspunkt', 'dagsordenspunkter'],
  proposals: ['forslag til dagsordenen', 'forslag til dagsordenen'],
  attachments: ['bilag', 'bilag'],
  actions: ['opfølgningspunkt', 'opfølgningspunkter'],
  comments: ['kommentar', 'kommentarer'],
  role_evidence: ['rolleobservation', 'rolleobservationer'],
  initiatives: ['initiativ', 'initiativer'],
  initiative_partners: ['partnerangivelse', 'partnerangivelser'],
  initiative_status_log: ['statusskift', 'statusskift'],
  initiative_updates: ['forløbsnotat', 'forløbsnotater'],
  citizen_stories: ['borgerhistorie', 'borgerhistorier'],
  effect_measures: ['effektmål', 'effektmål'],
  effect_measurements: ['måling', 'målinger'],
  effect_updates: ['effektopfølgning', 'effektopfølgninger'],
  learnings: ['erfaring', 'erfaringer'],
  dilemmas: ['dilemma', 'dilemmaer'],
  fef_items: ['forklar-eller-fjern-punkt', 'forklar-eller-fjern-punkter'],
  organisations: ['organisation', 'organisationer'],
  partnerships: ['partnerskab', 'partnerskaber'],
  roles: ['rolle', 'roller'],
  role_markers: ['markør', 'markører'],
  api_tokens: ['API-nøgle', 'API-nøgler'],
  outbox: ['e-mail', 'e-mails'],
  audit_log: ['logpost', 'logposter'],
};

const order = (table: string) => {
  if (table === 'audit_log') return Infinity;
  const i = Object.keys(ROW_NAMES).indexOf(table);
  return i < 0 ? Object.keys(ROW_NAMES).length : i;
};

/** The report in one Danish sentence (or two), for the command line. */
export function describeAnonymisation(id: number, report: AnonymisationReport): string {
  if (report.alreadyAnonymised) return `Person ${id} er allerede anonymiseret.`;
  const parts = ['personen'];
  if (report.account) parts.push('brugerkontoen');
  const tables = Object.keys(report.replaced).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  for (const table of tables) {
    const n = report.replaced[table];
    const names = ROW_NAMES[table];
    parts.push(names ? formatCount(n, ...names) : `${formatCount(n, 'række', 'rækker')} i ${table}`);
  }
  let text = `Navn erstattet med '${report.pseudonym}' i: ${parts.join(', ')}.`;
  if (report.sameName) {
    const others = formatCount(report.sameName, 'anden person', 'andre personer');
    text += ` Bemærk: ${others} hedder det samme; navnet er erstattet i al tekst, også hvor det kan handle om ${report.sameName === 1 ? 'den anden' : 'dem'}.`;
  }
  return text;
}
