// Anonymising a person (GDPR) pseudonymises every stored copy of their name: the frozen minutes
// versions and what every export renders from them, text written about them, and the audit log.
import { onPostgres } from '../helpers/postgres';
import { sql } from 'kysely';
import MarkdownIt from 'markdown-it';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { addComment } from '../../server/comments/service';
import { anonymisePerson, describeAnonymisation } from '../../server/people/service';
import { search } from '../../server/search/service';
import { pageRequest } from '../../server/web/pagination';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { aMeeting, anAgendaItem, aPerson, personId } from '../helpers/factories';
import { download, fullMeeting, openDocx, pdfPagesOfMany, visibleText, wordParagraphs } from '../exports/fixture';

const AT = new Date('2026-11-24T10:00:00Z');
const HANNE = 'Hanne M. Petersen';

/** How many audit rows still hold the text anywhere in their snapshots. */
async function auditRowsMentioning(db: Db, text: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from audit_log where before like ${`%${text}%`} or after like ${`%${text}%`}`.execute(db);
  return Number(rows[0].n);
}

describe('anonymising a person who is in approved (locked) minutes', () => {
  it('the minutes page, the version page and the PDF, DOCX, Markdown and print exports show the pseudonym, not the name', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId } = await fullMeeting(db, 'approved'); // Hanne: present, owns an action, approved for FOA
    const hanne = await personId(db, HANNE);
    const pseudonym = `Anonymiseret person ${hanne}`;

    const before = await reader.agent.get(`/meetings/${meetingId}/minutes/versions/1`);
    expect(visibleText(before.text)).toContain(`${HANNE} (FOA)`);

    await anonymisePerson(db, hanne, SYSTEM_ACTOR, AT);

    const texts: Record<string, string> = {};
    for (const url of [`/meetings/${meetingId}/minutes`, `/meetings/${meetingId}/minutes/versions/1`, `/meetings/${meetingId}/minutes/print`]) {
      const res = await reader.agent.get(url);
      expect([url, res.status]).toEqual([url, 200]);
      texts[url] = visibleText(res.text);
    }
    const docx = await openDocx((await download(reader.agent, `/meetings/${meetingId}/minutes.docx`)).body);
    texts.docx = [...docx.headers.flatMap(wordParagraphs), ...docx.paragraphs].join('\n');
    texts.md = visibleText(new MarkdownIt({ html: true }).render((await download(reader.agent, `/meetings/${meetingId}/minutes.md`)).body.toString('utf8')));
    const pdf = await download(reader.agent, `/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    texts.pdf = pdfPagesOfMany([pdf.body])[0].join('\n');

    for (const [where, text] of Object.entries(texts)) {
      const flat = text.replace(/\s+/g, ' ');
      expect([where, flat.includes('Hanne'), flat.includes('Petersen')]).toEqual([where, false, false]);
      expect([where, flat.includes(`${pseudonym} (FOA)`)]).toEqual([where, true]); // present
      expect([where, flat.includes(`FOA: godkendt af ${pseudonym}`)]).toEqual([where, true]);
    }
    // The rest of the minutes is untouched.
    expect(texts.md).toContain('René G. Nielsen (Hedensted Kommune)');
    expect(texts.md).toContain('Indkald frivillige til møde');
  });

  it('replaces the name in every stored text and audit snapshot in one transaction, writes one audit row, and reports what changed', async () => {
    const { db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'approved');
    const hanne = await personId(db, HANNE);
    const pseudonym = `Anonymiseret person ${hanne}`;
    await addComment(db, 'minutes', meetingId, await personId(db, 'René G. Nielsen'), `Tak til ${HANNE} for oplægget.`, SYSTEM_ACTOR, AT);
    const later = await aMeeting(db, { title: `Opfølgning med ${HANNE}` });
    await anAgendaItem(db, later, { title: 'Frivillige', discussion: `${HANNE}s forslag blev drøftet.` });
    // Another person whose name merely contains Hanne's is left alone.
    await aPerson(db, { name: `${HANNE}-Nielsen` });
    await anAgendaItem(db, later, { title: 'Andet', discussion: `${HANNE}-Nielsen fortalte.` });
    expect(await auditRowsMentioning(db, HANNE)).toBeGreaterThan(0);
    const auditRows = await auditOf(db, 'person');

    const report = await anonymisePerson(db, hanne, SYSTEM_ACTOR, AT);

    // Frozen minutes: every string value of the document, JSON still the same shape.
    const versions = await db.selectFrom('minutes_versions').select('document').execute();
    expect(versions).toHaveLength(1);
    const document = JSON.parse(versions[0].document);
    expect(document.present).toEqual([`${pseudonym} (FOA)`]);
    expect(document.actions[0]).toMatchObject({ text: 'Indkald frivillige til møde', owner: pseudonym });
    expect(versions[0].document).not.toContain('Hanne');

    // Text written about the person.
    const comment = await db.selectFrom('comments').select('body').executeTakeFirstOrThrow();
    expect(comment.body).toBe(`Tak til ${pseudonym} for oplægget.`);
    const meeting = await db.selectFrom('meetings').select('title').where('id', '=', later).executeTakeFirstOrThrow();
    expect(meeting.title).toBe(`Opfølgning med ${pseudonym}`);
    const discussions = (await db.selectFrom('agenda_items').select('discussion').where('meeting_id', '=', later).orderBy('position').execute()).map((r) => r.discussion);
    expect(discussions).toContain(`${pseudonym}s forslag blev drøftet.`);
    expect(discussions).toContain(`${HANNE}-Nielsen fortalte.`);

    // The audit log keeps no copy, and the search index forgot the name.
    expect(await auditRowsMentioning(db, HANNE + 's')).toBe(0);
    expect(await auditRowsMentioning(db, `${HANNE} `)).toBe(0);
    const found = async (q: string) => (await search(db, { q }, pageRequest(1, 100))).groups.flatMap((g) => g.hits.map((h) => h.title.map((t) => t.text).join('')));
    const petersens = await found('Petersens');
    expect(petersens).not.toContain('Frivillige'); // the item whose discussion named her
    // On PostgreSQL the Danish stemmer reads "Petersens" as "petersen" and also finds another
    // person, Hanne M. Petersen-Nielsen, and what names her: right, and not about Hanne.
    if (!onPostgres) expect(petersens).toEqual([]);
    expect(await found('"Opfølgning med"')).toEqual([`Opfølgning med ${pseudonym}`]);

    // One new audit row about the person, naming what was changed but not the name.
    const after = await auditOf(db, 'person', hanne);
    const entry = after[after.length - 1];
    expect((await auditOf(db, 'person')).length).toBe(auditRows.length + 1);
    expect(entry.before).toBeNull();
    expect(JSON.parse(entry.after!)).toMatchObject({ anonymised_at: AT.toISOString(), pseudonym, replaced: { minutes_versions: 1, comments: 1, meetings: 1, agenda_items: 1 } });
    expect(entry.after).not.toContain('Hanne');

    expect(report.pseudonym).toBe(pseudonym);
    const sentence = describeAnonymisation(hanne, report);
    expect(sentence.startsWith(`Navn erstattet med '${pseudonym}' i: personen, brugerkontoen, 1 referatversion, `)).toBe(true);
    for (const part of ['1 kommentar', '1 møde', '1 dagsordenspunkt']) expect(sentence).toContain(part);
    expect(sentence).toMatch(/\d+ logposter\.$/);
    expect(sentence).not.toContain('Hanne');
  });

  it('warns when someone else has the same name, whose mentions cannot be told apart', async () => {
    const { db } = await testApp();
    const first = await aPerson(db, { name: 'Anne Hansen' });
    await aPerson(db, { name: 'Anne Hansen' });
    const report = await anonymisePerson(db, first, SYSTEM_ACTOR, AT);
    expect(describeAnonymisation(first, report)).toBe(
      `Navn erstattet med 'Anonymiseret person ${first}' i: personen, 1 logpost. Bemærk: 1 anden person hedder det samme; navnet er erstattet i al tekst, også hvor det kan handle om den anden.`,
    );
    expect((await db.selectFrom('people').select('name').where('name', '=', 'Anne Hansen').execute()).length).toBe(1);
  });

  it('a second anonymisation changes nothing and says so', async () => {
    const { db } = await testApp();
    const id = await aPerson(db, { name: 'Anne Anonym' });
    await anonymisePerson(db, id, SYSTEM_ACTOR, AT);
    const audits = (await auditOf(db, 'person', id)).length;
    const again = await anonymisePerson(db, id, SYSTEM_ACTOR, AT);
    expect(again.alreadyAnonymised).toBe(true);
    expect(describeAnonymisation(id, again)).toBe(`Person ${id} er allerede anonymiseret.`);
    expect((await auditOf(db, 'person', id)).length).toBe(audits);
  });
});
