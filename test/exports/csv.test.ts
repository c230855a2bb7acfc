// /actions.csv parsed with csv-parse as Danish Excel reads it: UTF-8 with BOM, ';' between fields,
// RFC 4180 quoting, Danish dates, the same rows as /actions, and no formula from user text.
import { parse } from 'csv-parse/sync';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, anAction, personId } from '../helpers/factories';
import { unescapeHtml } from '../helpers/html';
import type { Db } from '../../server/db/database';
import { csvCell, toCsv } from '../../server/exports/csv';
import { ESCAPE, download } from './fixture';

const HEADER = ['Hvad', 'Hvem', 'Frist', 'Status', 'Overskredet', 'Møde', 'Mødedato'];
const LINK_TITLE = '=HYPERLINK("https://example.org";"klik")';

/** Two meetings with actions covering every status, overdue and not, and every formula start. */
async function actionsSetup(db: Db) {
  const hanne = await personId(db, 'Hanne M. Petersen');
  const rene = await personId(db, 'René G. Nielsen');
  const summer = await aMeeting(db, { title: 'Sommermøde på Ærø', day: '2026-06-10' });
  await anAction(db, summer, { text: '=SUM(A1:A2)', owner_id: hanne, due_date: '2026-11-01', status: 'aaben' });
  await anAction(db, summer, { text: '+45 12 34 56 78 ringes op', owner_id: rene, due_date: '2026-12-15', status: 'i_gang' });
  await anAction(db, summer, { text: '-1 time om ugen', owner_id: hanne, due_date: null, status: 'udfoert' });
  await anAction(db, summer, { text: '@alle: husk mødet', owner_id: null, due_date: '2026-10-01', status: 'droppet' });
  await anAction(db, summer, { text: 'Sig "hej"; og farvel, tak', owner_id: rene, due_date: '2026-11-20', status: 'aaben' });
  await anAction(db, summer, { text: ESCAPE, owner_id: hanne, due_date: '2027-01-05', status: 'aaben' });
  await anAction(db, summer, { text: 'Første linje\nAnden linje', owner_id: rene, due_date: '2026-11-24', status: 'i_gang' });
  const winter = await aMeeting(db, { title: LINK_TITLE, day: '2026-12-08' });
  await anAction(db, winter, { text: 'Ærø-tur planlægges', owner_id: hanne, due_date: '2026-11-23', status: 'i_gang' });
  return { hanne, rene };
}

async function csvOf(user: SignedIn, query = '') {
  const res = await download(user.agent, `/actions.csv${query}`);
  expect(res.status).toBe(200);
  const records = parse(res.body, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
  return { res, raw: res.body, records, header: records[0], rows: records.slice(1) };
}

/** The "Hvad" column of the /actions page, every row on one page. */
async function pageTexts(user: SignedIn, query = ''): Promise<string[]> {
  const res = await user.agent.get(`/actions${query}`);
  expect(res.status).toBe(200);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(res.text)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => unescapeHtml(m[1]));
}

const asCsvText = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);

describe('/actions.csv', () => {
  it('is UTF-8 with a BOM, ";"-separated, every field quoted, CRLF line ends, named for today', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    await actionsSetup(db);
    const { res, raw, header, rows } = await csvOf(user);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="opfoelgning-2026-11-24.csv"');
    expect(raw.toString('utf8')).toMatch(/^\uFEFF"Hvad";"Hvem";"Frist";"Status";"Overskredet";"Møde";"Mødedato"\r\n/);
    expect(raw.toString('utf8').endsWith('\r\n')).toBe(true);
    expect(header).toEqual(HEADER);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row).toHaveLength(HEADER.length);
  });

  it('writes Danish dates and labels', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    await actionsSetup(db);
    const { rows } = await csvOf(user);
    const byText = new Map(rows.map((r) => [r[0], r]));
    expect(byText.get("'=SUM(A1:A2)")).toEqual(["'=SUM(A1:A2)", 'Hanne M. Petersen', '01.11.2026', 'Åben', 'ja', 'Sommermøde på Ærø', '10.06.2026']);
    expect(byText.get('Ærø-tur planlægges')).toEqual(['Ærø-tur planlægges', 'Hanne M. Petersen', '23.11.2026', 'I gang', 'ja', `'${LINK_TITLE}`, '08.12.2026']);
    expect(byText.get("'@alle: husk mødet")).toEqual(["'@alle: husk mødet", '', '01.10.2026', 'Droppet', 'nej', 'Sommermøde på Ærø', '10.06.2026']);
    expect(byText.get("'-1 time om ugen")?.slice(2, 5)).toEqual(['', 'Udført', 'nej']);
    expect(byText.get('Første linje\nAnden linje')?.slice(2, 5)).toEqual(['24.11.2026', 'I gang', 'nej']); // due today is not overdue
  });

  it('makes every cell starting with =, +, - or @ text with a leading apostrophe', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    await actionsSetup(db);
    const { rows, raw } = await csvOf(user);
    const texts = rows.map((r) => r[0]);
    expect(texts).toEqual(expect.arrayContaining(["'=SUM(A1:A2)", "'+45 12 34 56 78 ringes op", "'-1 time om ugen", "'@alle: husk mødet"]));
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(raw.toString('utf8')).toContain(`"'=HYPERLINK(""https://example.org"";""klik"")"`);
  });

  it('round-trips quotes, semicolons, line breaks, markup and æøå inside a field', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    await actionsSetup(db);
    const { rows, raw } = await csvOf(user);
    const texts = rows.map((r) => r[0]);
    expect(texts).toContain('Sig "hej"; og farvel, tak');
    expect(texts).toContain(ESCAPE);
    expect(texts).toContain('Første linje\nAnden linje');
    expect(raw.toString('utf8')).toContain('"Sig ""hej""; og farvel, tak"');
  });

  it.each([
    ['no filter', () => ''],
    ['status', () => '?status=aaben'],
    ['overdue', () => '?overdue=on'],
    ['open', () => '?open=on'],
    ['owner', (ids: { hanne: number }) => `?owner_id=${ids.hanne}`],
    ['owner and status', (ids: { rene: number }) => `?owner_id=${ids.rene}&status=i_gang`],
    ['owner and overdue', (ids: { hanne: number }) => `?owner_id=${ids.hanne}&overdue=on`],
  ])('gives the same rows as /actions with the %s filter', async (_name, query) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const ids = await actionsSetup(db);
    const q = query(ids as { hanne: number; rene: number });
    const onPage = await pageTexts(user, q);
    expect(onPage.length).toBeGreaterThan(0);
    const { rows } = await csvOf(user, q);
    expect(rows.map((r) => r[0])).toEqual(onPage.map(asCsvText));
  });

  it('lists only overdue open actions with ?overdue=on', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    await actionsSetup(db);
    const { rows } = await csvOf(user, '?overdue=on');
    expect(rows.map((r) => r[0])).toEqual(["'=SUM(A1:A2)", 'Sig "hej"; og farvel, tak', 'Ærø-tur planlægges']);
    for (const row of rows) expect(row[4]).toBe('ja');
  });

  it('has only the header row when nothing matches', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const { records, raw } = await csvOf(user, '?status=aaben');
    expect(records).toEqual([HEADER]);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+4512345678', `"'+4512345678"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['a=1', '"a=1"'],
    ['Sig "hej"', '"Sig ""hej"""'],
    ['a;b,c', '"a;b,c"'],
    ['linje 1\r\nlinje 2', '"linje 1\r\nlinje 2"'],
    ['Æblegrød', '"Æblegrød"'],
    ['', '""'],
    [null, '""'],
    [undefined, '""'],
    [42, '"42"'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('toCsv writes a BOM, ";" between fields and CRLF after every record', () => {
    expect(toCsv(['Hvad', 'Hvem'], [['=x', 'Åse'], ['"y"', null]])).toBe('\uFEFF"Hvad";"Hvem"\r\n"\'=x";"Åse"\r\n"""y""";""\r\n');
  });
});
