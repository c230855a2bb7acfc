// The GDPR export of a person (indsigt, art. 15/20): every kind of data kept about them, each part
// explained in Danish, for administrators only, and covering every reference to a person or user
// account in the schema.
import { onPostgres } from '../helpers/postgres';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { addComment } from '../../server/comments/service';
import { approveMinutes, sendForApproval } from '../../server/meetings/minutes';
import { addItemAttendance } from '../../server/meetings/item-attendance';
import { addCitizenStory, addEffectMeasure, addPartner, addProgressUpdate, changeStatus } from '../../server/initiatives/service';
import { saveEffectUpdate } from '../../server/initiatives/effect-updates';
import { exportPerson } from '../../server/people/service';
import { PERSON_EXPORT_COVERS } from '../../server/people/export';
import { markReviewHandled, setReviewDay } from '../../server/reviews/service';
import { issueToken } from '../../server/api/service';
import { recordEvidence } from '../../server/roles/service';
import { EvidenceFormSchema } from '../../server/roles/schemas';
import { signedIn, signIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { aHeldMeeting, aMeeting, anAgendaItem, aPerson, personId } from '../helpers/factories';
import { aFefItem, anInitiative } from '../helpers/register-factories';
import { fullMeeting } from '../exports/fixture';
import { withoutAuditRule } from '../helpers/audit-rule';
import { Readable } from 'node:stream';
import { createProposal } from '../../server/proposals/service';
import { ProposalFormSchema } from '../../server/proposals/schemas';
import { newChunkKey } from '../../server/attachments/store';
import { stageFile, type StagedFile } from '../../server/attachments/upload';

const AT = new Date('2026-11-24T10:00:00Z');
const HANNE = 'Hanne M. Petersen';

/** Hanne in every kind of record that can refer to a person or a user account. */
async function hanneEverywhere(db: Db) {
  await fullMeeting(db, 'approved'); // present, owns an action, approves for FOA (and gets an account)
  const hanne = await personId(db, HANNE);
  const account = await db.selectFrom('users').select(['id', 'email']).where('person_id', '=', hanne).executeTakeFirstOrThrow();
  const as = { actor: { userId: account.id }, personId: hanne };
  const chaired = await aMeeting(db, { title: 'Møde hun leder', convener_id: hanne, chair_id: hanne, minute_taker_id: hanne });
  await addComment(db, 'meeting', chaired, hanne, 'Jeg tager kage med.', as.actor, AT);
  const sent = await aHeldMeeting(db, { title: 'Møde hun sendte' });
  await sendForApproval(db, sent, as.actor, AT);
  const role = await db.selectFrom('roles').select('key').orderBy('sort_order').executeTakeFirstOrThrow();
  await recordEvidence(db, EvidenceFormSchema.parse({ role_key: role.key, date: '2026-11-02', person_id: String(hanne), note: 'Bandt frivillige og plejecenter sammen.' }), hanne, as.actor, AT);
  const initiative = await anInitiative(db, 'Frugtordning');
  await addPartner(db, initiative, { organisation_id: null, person_id: hanne, contribution: 'Kontakten til de frivillige' }, as, AT);
  await changeStatus(db, initiative, 'planlagt', 'Aftalt på mødet', as, AT);
  await addProgressUpdate(db, initiative, { date: '2026-11-10', happened: 'Første uddeling', effect_seen: 'Glade beboere', learning: 'Start tidligere' }, as, AT);
  await addCitizenStory(db, initiative, { date: '2026-11-11', kerneopgave_key: null, story: 'En beboer fik en ny ven.' }, as, AT);
  const measure = await addEffectMeasure(db, initiative, { indicator: 'Frugt uddelt', unit: 'stk', baseline: null, target: 50 }, as, AT);
  await saveEffectUpdate(db, { initiativeId: initiative, measureId: measure, period: '2026-Q4', today: '2026-11-24' }, { value: 40, narrative: '', evidence_url: '' }, true, as, AT);
  const fef = await aFefItem(db, { title: 'Dobbelt dokumentation', raised_by: hanne });
  await setReviewDay(db, 'fef', fef, '2026-11-20', as.actor, AT);
  await markReviewHandled(db, 'fef', fef, hanne, as.actor, AT);
  const bilag = (await stageFile(db, newChunkKey(AT), Readable.from([Buffer.from('%PDF-1.4\n')]), 'haven.pdf', { maxFileMb: 1 })) as StagedFile;
  await createProposal(db, ProposalFormSchema.parse({ title: 'Haven', kind: 'droeftelse', target: `meeting:${chaired}` }), hanne, [{ file: bilag, title: 'Haven' }], as.actor, AT);
  await approveMinutes(db, sent, { userId: account.id, role: 'repraesentant', personId: hanne }, AT, { text: 'Punkt 1 bør uddybes.', itemNumber: 1 });
  const visited = await aMeeting(db, { title: 'Møde hun var gæst på' });
  await addItemAttendance(db, visited, await anAgendaItem(db, visited, { title: 'Haven' }), { person_id: hanne, kind: 'gaest', note: '' }, SYSTEM_ACTOR, AT);
  await anAgendaItem(db, chaired, { title: 'Kagen', presenter_id: hanne });
  await withoutAuditRule(db, () =>
    db.insertInto('user_identities').values({ user_id: account.id, provider_id: null, issuer: 'https://login.foa.test', subject: 'hanne-1', email: 'hanne@foa.test', created_at: AT.toISOString() }).execute(),
  );
  await issueToken(db, 'Kommunens portal', as.actor, AT); // as an administrator would (the service does not ask)
  return { hanne, account };
}

describe('person export (GDPR)', () => {
  // Read from SQLite's foreign-key lists; the same migrations make the same keys on PostgreSQL.
  (onPostgres ? it.skip : it)('covers every column in the schema that refers to a person or a user account', async () => {
    const { raw } = await freshDb();
    const references = raw
      .prepare(
        `select m.name || '.' || f."from" as col from sqlite_master m join pragma_foreign_key_list(m.name) f
         where m.type = 'table' and f."table" in ('people', 'users') order by 1`,
      )
      .all() as Array<{ col: string }>;
    expect(references.length).toBeGreaterThanOrEqual(19);
    // A new reference to people or users must get a part in server/people/export.ts.
    expect([...PERSON_EXPORT_COVERS].sort()).toEqual(references.map((r) => r.col));
  });

  it('holds every kind of data kept about the person, each part explained in Danish, without secrets', async () => {
    const { app, db } = await testApp();
    const { hanne, account } = await hanneEverywhere(db);
    await signIn(app, account.email, 'korrekt-hest-batteri'); // a session
    const token = 'hemmelig-kalendernoegle-0123456789';
    await withoutAuditRule(db, () => db.updateTable('users').set({ calendar_token: token }).where('id', '=', account.id).execute());
    const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', account.id).executeTakeFirstOrThrow();

    const data = await exportPerson(db, hanne, AT);
    const about = data.om_udtrækket as { beskrivelse: string; dannet: string; person_id: number; indhold: Record<string, string> };
    expect(about).toMatchObject({ person_id: hanne, dannet: AT.toISOString() });
    expect(about.beskrivelse).toContain('artikel 15 og 20');
    const parts = Object.keys(data).filter((k) => k !== 'om_udtrækket');
    expect(Object.keys(about.indhold)).toEqual(parts);
    for (const part of parts) {
      const value = data[part];
      expect([part, about.indhold[part].length > 20, Array.isArray(value) ? value.length > 0 : value !== null]).toEqual([part, true, true]);
    }
    expect(data.person).toMatchObject({ id: hanne, name: HANNE, title: 'Afdelingsformand', email: null, phone: null, organisation_name: 'FOA' });
    expect(data.brugerkonto).toMatchObject({ id: account.id, email: account.email, role: 'repraesentant', kalenderadresse_oprettet: true });
    expect(data.mødedeltagelse).toEqual([expect.objectContaining({ attendance: 'deltog', meeting_title: 'Møde på Ærø – åbent' })]);
    expect(data.møderoller).toEqual([expect.objectContaining({ meeting_title: 'Møde hun leder', roller: ['indkalder', 'mødeleder', 'referent'] })]);
    expect(data.kommentarer).toEqual([expect.objectContaining({ body: 'Jeg tager kage med.' })]);
    expect(data.referatgodkendelser).toEqual([expect.objectContaining({ party: 'FOA', version: 1 }), expect.objectContaining({ meeting_title: 'Møde hun sendte' })]);
    expect(data.protokolbemærkninger).toEqual([expect.objectContaining({ meeting_title: 'Møde hun sendte', item_number: 1, kind: 'bemaerkning', text: 'Punkt 1 bør uddybes.' })]);
    expect(data.fremmøde_under_punkter).toEqual([expect.objectContaining({ meeting_title: 'Møde hun var gæst på', item_title: 'Haven', kind: 'gaest' })]);
    expect(data.login_og_adgang).toMatchObject({ koblinger: [{ issuer: 'https://login.foa.test', email: 'hanne@foa.test' }], gendannelseskoder: { udstedt: 0, brugt: 0 } });
    expect(data.referater_sendt_til_godkendelse).toEqual([expect.objectContaining({ meeting_title: 'Møde hun sendte', version: 1 })]);
    expect(data.rolleobservationer_om_personen).toEqual(data.rolleobservationer_skrevet_af_personen);
    expect(data.forklar_eller_fjern).toEqual([expect.objectContaining({ title: 'Dobbelt dokumentation' })]);
    // Entries by her name what she did, not the records' contents (which are about others).
    expect(data.logposter_udført_af_personen).toContainEqual(expect.objectContaining({ action: 'create', entity: 'comment' }));
    expect((data.logposter_udført_af_personen as object[]).every((e) => !('before' in e) && !('after' in e))).toBe(true);
    expect(data.logposter_om_personen).toContainEqual(expect.objectContaining({ entity: 'user', entity_id: String(account.id), after: expect.objectContaining({ email: account.email }) }));

    const text = JSON.stringify(data);
    for (const secret of [password_hash, token, '$argon2']) expect(text).not.toContain(secret);
    const session = await db.selectFrom('sessions').select(['sid', 'data']).where('user_id', '=', account.id).executeTakeFirstOrThrow();
    expect(text).not.toContain(session.sid);
  });

  it('a person with no account and no history still gets every part, empty', async () => {
    const { db } = await freshDb();
    const id = await aPerson(db, { name: 'Ny Person' });
    const data = await exportPerson(db, id, AT);
    expect(data.brugerkonto).toBeNull();
    expect(data.sessioner).toEqual([]);
    expect(data.logposter_udført_af_personen).toEqual([]);
    expect(data.logposter_om_personen).toEqual([expect.objectContaining({ entity: 'person', action: 'create' })]);
    await expect(exportPerson(db, 999_999, AT)).rejects.toThrow();
  });
});

describe('GET /people/:id/export.json', () => {
  it('downloads the export for an administrator, as an attachment that is not cached; the person page links to it', async () => {
    const { app, db, clock } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const hanne = await personId(db, HANNE);
    const page = await admin.agent.get(`/people/${hanne}`);
    expect(page.text).toContain(`href="/people/${hanne}/export.json"`);

    const res = await admin.agent.get(`/people/${hanne}/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="personoplysninger-${hanne}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.text)).toEqual(JSON.parse(JSON.stringify(await exportPerson(db, hanne, clock.now()))));
  });

  it('is refused to everyone but administrators, and unknown people are 404', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, HANNE);
    for (const role of ['konsulent', 'repraesentant', 'laeser'] as const) {
      const user = await signedIn(app, db, role);
      const res = await user.agent.get(`/people/${hanne}/export.json`);
      expect([role, res.status]).toEqual([role, 403]);
      expect(res.text).not.toContain(HANNE + '"');
      const page = await user.agent.get(`/people/${hanne}`);
      expect([role, page.text.includes('export.json')]).toEqual([role, false]);
    }
    const admin = await signedIn(app, db, 'admin');
    expect((await admin.agent.get('/people/999999/export.json')).status).toBe(404);
    expect((await admin.agent.get('/people/abc/export.json')).status).toBe(404);
  });
});
