// /search as a user meets it: Danish words found the Danish way, phrases, any text without an
// error, results grouped by kind with counts and filters, pages of 20, and the box in the header.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { saveMinutesText } from '../../server/meetings/minutes';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, anAction, anAgendaItem, aPerson } from '../helpers/factories';
import { pagerText, relHref, unescapeHtml } from '../helpers/html';
import { aDilemma, aLearning } from '../helpers/register-factories';

const AT = new Date('2026-11-24T10:00:00Z');

/** The headings of the hits on a result page, as the user reads them (marks removed). */
function hitTitles(html: string): string[] {
  return [...html.matchAll(/<li class="search-hit">\s*<h3><a href="[^"]*">([\s\S]*?)<\/a><\/h3>/g)].map((m) => unescapeHtml(m[1].replace(/<\/?mark>/g, '')));
}

/** The group headings, in order. */
function groupHeadings(html: string): string[] {
  return [...html.matchAll(/<h2 id="gruppe-[^"]+">([^<]*)<\/h2>/g)].map((m) => unescapeHtml(m[1]));
}

/** The "type (count)" links of the result page. */
function typeLinks(html: string): Array<{ href: string; text: string; current: boolean }> {
  const nav = /<nav aria-label="Resultater efter type">([\s\S]*?)<\/nav>/.exec(html);
  if (!nav) return [];
  return [...nav[1].matchAll(/<a href="([^"]*)"( aria-current="page")?>([^<]*)<\/a>/g)].map((m) => ({ href: unescapeHtml(m[1]), text: unescapeHtml(m[3]), current: !!m[2] }));
}

describe('/search: finding Danish words', () => {
  it('is case-insensitive with æ, ø and å, and finds the start of words', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await aDilemma(db, { title: 'Menneskeblik mod økonomiblik', pole_a: 'Menneskeblik', pole_b: 'Økonomiblik' });
    await aMeeting(db, { title: 'Besøg på plejecentret', place: 'Uldum' });
    await aPerson(db, { name: 'Ærø Østergård', title: 'Frivillig' });

    for (const q of ['økonomi', 'ØKONOMI', 'Økonomiblik', 'økonomiBLIK']) {
      expect(hitTitles((await k.agent.get('/search').query({ q })).text)).toEqual(['Menneskeblik mod økonomiblik']);
    }
    expect(hitTitles((await k.agent.get('/search').query({ q: 'pleje' })).text)).toEqual(['Besøg på plejecentret']);
    expect(hitTitles((await k.agent.get('/search').query({ q: 'PLEJECENTRET' })).text)).toEqual(['Besøg på plejecentret']);
    for (const q of ['ærø', 'ÆRØ', 'østergård', 'ØSTERGÅRD']) expect(hitTitles((await k.agent.get('/search').query({ q })).text)).toEqual(['Ærø Østergård']);
    // æ, ø and å are letters of their own, not a, o and e with decoration.
    for (const q of ['aero', 'oster', 'ostergard', 'okonomi']) {
      const res = await k.agent.get('/search').query({ q });
      expect(hitTitles(res.text)).toEqual([]);
      expect(res.text).toContain('Ingen resultater');
    }
  });

  it('reads aa as å in names, both ways, and shows the name as written', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aPerson(db, { name: 'Karen Ågaard' });
    await aPerson(db, { name: 'Jens Aagaard' });
    await aPerson(db, { name: 'Poul Agard' });
    for (const q of ['Aagaard', 'aagaard', 'AAGAARD', 'Ågaard', 'ågård', 'Ågård', 'aagård']) {
      expect(hitTitles((await l.agent.get('/search').query({ q })).text).sort()).toEqual(['Jens Aagaard', 'Karen Ågaard']);
    }
    const res = await l.agent.get('/search').query({ q: 'aagaard' });
    expect(res.text).toContain('<mark>Aagaard</mark>');
    expect(res.text).toContain('<mark>Ågaard</mark>');
  });

  it('finds a phrase in quotes exactly, not its words apart', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { title: 'Dialogmøde' });
    await anAgendaItem(db, meeting, { title: 'Sammen', background: 'Vi holdt mødet med borgerne i hallen' });
    await anAgendaItem(db, meeting, { title: 'Hver for sig', background: 'Borgerne kom ikke til mødet, men vi talte med dem' });
    const loose = await k.agent.get('/search').query({ q: 'mødet borgerne' });
    expect(hitTitles(loose.text).sort()).toEqual(['Hver for sig', 'Sammen']);
    const phrase = await k.agent.get('/search').query({ q: '"mødet med borgerne"' });
    expect(hitTitles(phrase.text)).toEqual(['Sammen']);
    expect(phrase.text).toContain('holdt <mark>mødet med borgerne</mark> i hallen');
    // A quoted word is a whole word, not a prefix ("bor" is not the start of "borgerne"; on
    // PostgreSQL the Danish stemmer also finds other forms of a word, and "bor" is not one).
    expect(hitTitles((await k.agent.get('/search').query({ q: '"bor"' })).text)).toEqual([]);
  });

  it('ranks a hit in the title above one in the body', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await aLearning(db, { title: 'Om frokosten', what_we_did: 'Vi talte om haveprojektet og meget andet i en lang snak om frokost og fællesskab' });
    await aLearning(db, { title: 'Haveprojektet blomstrer' });
    expect(hitTitles((await k.agent.get('/search').query({ q: 'haveprojekt' })).text)).toEqual(['Haveprojektet blomstrer', 'Om frokosten']);
  });
});

describe('/search: any text is a question, never an error', () => {
  const HOSTILE = [
    '"',
    '*',
    '-',
    '- pleje',
    'pleje*',
    'NEAR(a b)',
    'a NEAR b',
    'AND',
    'OR OR',
    'NOT pleje',
    "'); drop table people;--",
    '" OR 1=1 --',
    '😀',
    '🇩🇰 pleje',
    '(((',
    'title:pleje',
    '^',
    '%',
    '\\',
    'x'.repeat(500),
    'pleje '.repeat(120),
    '"unbalanced pleje',
  ];

  it.each(HOSTILE.map((q) => [q.length > 40 ? `${q.slice(0, 12)}… (${q.length} tegn)` : q, q]))('%j gives 200 with results or "Ingen resultater"', async (_label, q) => {
    const { app, db, logged } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aMeeting(db, { title: 'Plejecentret og skolen' });
    const res = await l.agent.get('/search').query({ q });
    expect(res.status).toBe(200);
    expect(hitTitles(res.text).length > 0 || res.text.includes('Ingen resultater')).toBe(true);
    expect(logged).toEqual([]);
    expect(await db.selectFrom('people').select('id').limit(1).execute()).toHaveLength(1);
  });

  it('finds the words among the syntax', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aMeeting(db, { title: 'Plejecentret og skolen' });
    for (const q of ['pleje*', '-pleje', '"pleje', 'pleje"', '(pleje) skole*', '^pleje', '+pleje:', 'pleje;--', '"og skolen']) {
      const res = await l.agent.get('/search').query({ q });
      expect(hitTitles(res.text)).toEqual(['Plejecentret og skolen']);
    }
    // FTS5 keywords and column names are plain words like any other, which this text does not contain.
    for (const q of ['pleje AND skole', 'NEAR(pleje skole)', 'pleje OR skole', 'NOT skole', 'title:pleje', '{title}: pleje']) {
      const res = await l.agent.get('/search').query({ q });
      expect(res.status).toBe(200);
      expect(res.text).toContain('Ingen resultater');
    }
  });

  it('an empty query asks for a word; a query with no letters says no results', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const empty = await l.agent.get('/search');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Skriv mindst ét ord i søgefeltet.');
    const blank = await l.agent.get('/search').query({ q: '   ' });
    expect(blank.text).toContain('Skriv mindst ét ord i søgefeltet.');
    const symbols = await l.agent.get('/search').query({ q: '*** ---' });
    expect(symbols.status).toBe(200);
    expect(unescapeHtml(symbols.text)).toContain('Ingen resultater for »*** ---«. Søg på ord med bogstaver eller tal.');
  });

  it('escapes stored text and the query: only our own <mark> reaches the page', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { title: '<script>alert("titel")</script> Haveklub' });
    await anAgendaItem(db, meeting, { title: 'Haveklub', background: 'Vi <img src=x onerror=alert(1)> plantede haveklubbens kartofler' });
    await saveMinutesText(db, meeting, { free_text: 'Haveklub \u0002<b>fed</b>\u0003 tekst', next_meeting: '' }, SYSTEM_ACTOR, AT);
    const res = await k.agent.get('/search').query({ q: '<haveklub>' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).not.toContain('<b>fed</b>');
    expect(res.text).toContain('&lt;script&gt;alert(&#34;titel&#34;)&lt;/script&gt;');
    expect(res.text).toContain('<mark>haveklubbens</mark>');
    expect(res.text).toMatch(/&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});

describe('/search: groups, filters and pages', () => {
  it('groups hits by kind with Danish headings and a count per kind that filters to it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { title: 'Trivselsmøde' });
    await anAgendaItem(db, meeting, { title: 'Trivsel blandt personalet' });
    await anAction(db, meeting, { text: 'Mål trivslen igen' });
    await aLearning(db, { title: 'Trivsel kommer af tillid' });
    const res = await k.agent.get('/search').query({ q: 'trivsel' });
    expect(groupHeadings(res.text).sort()).toEqual(['Dagsordenspunkter', 'Erfaringer', 'Møder']);
    expect(typeLinks(res.text)).toEqual([
      { href: '/search?q=trivsel', text: 'Alle typer (3)', current: true },
      { href: '/search?q=trivsel&type=moede', text: 'Møder (1)', current: false },
      { href: '/search?q=trivsel&type=dagsordenspunkt', text: 'Dagsordenspunkter (1)', current: false },
      { href: '/search?q=trivsel&type=erfaring', text: 'Erfaringer (1)', current: false },
    ]);
    const filtered = await k.agent.get('/search?q=trivsel&type=erfaring');
    expect(hitTitles(filtered.text)).toEqual(['Trivsel kommer af tillid']);
    expect(groupHeadings(filtered.text)).toEqual(['Erfaringer']);
    expect(typeLinks(filtered.text).find((l) => l.current)).toMatchObject({ text: 'Erfaringer (1)' });
    // An unknown type is no filter.
    expect(hitTitles((await k.agent.get('/search?q=trivsel&type=bogus')).text)).toHaveLength(3);
    // "trivslen" is its own word: "trivsel" is not its prefix, so the action needs its own query.
    expect(hitTitles((await k.agent.get('/search?q=trivsl')).text)).toEqual(['Mål trivslen igen']);
  });

  it('filters by period, by the natural date of each record', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await aMeeting(db, { title: 'Møde om sommerfesten', day: '2026-07-01', start_time: '00:30', end_time: '01:30' }); // 30 June 22:30 UTC
    await aMeeting(db, { title: 'Møde om sommerferien', day: '2026-06-30', start_time: '23:30', end_time: '23:45' }); // 30 June 21:30 UTC
    await aMeeting(db, { title: 'Møde om julefrokosten', day: '2026-12-15' });
    await aLearning(db, { title: 'Sommererfaring', date: '2026-07-01' });
    const july = await k.agent.get('/search').query({ q: 'sommer', from: '2026-07-01', to: '2026-07-31' });
    expect(hitTitles(july.text).sort()).toEqual(['Møde om sommerfesten', 'Sommererfaring']);
    const june = await k.agent.get('/search').query({ q: 'sommer', from: '2026-06-01', to: '2026-06-30' });
    expect(hitTitles(june.text)).toEqual(['Møde om sommerferien']); // days are Copenhagen days, not UTC days
    const year = await k.agent.get('/search').query({ q: 'møde', type: 'moede', from: '2026-01-01', to: '2026-12-31' });
    expect(hitTitles(year.text).sort()).toEqual(['Møde om julefrokosten', 'Møde om sommerferien', 'Møde om sommerfesten']);
    const none = await k.agent.get('/search').query({ q: 'julefrokost', from: '2027-01-01' });
    expect(none.status).toBe(200);
    expect(unescapeHtml(none.text)).toContain('Ingen resultater for »julefrokost« med de valgte filtre.');
  });

  it('refuses a period that is not dates, or ends before it starts, with 422 beside the field', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const bad = await k.agent.get('/search').query({ q: 'møde', from: 'i går' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Skriv datoen som ÅÅÅÅ-MM-DD');
    expect(bad.text).toContain('value="i går"');
    const reversed = await k.agent.get('/search').query({ q: 'møde', from: '2026-12-01', to: '2026-11-01' });
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain('Slutdatoen skal ligge efter startdatoen');
  });

  it('shows 20 hits a page; the page links keep the query and filters', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { title: 'Stort møde' });
    for (let i = 1; i <= 45; i++) await anAction(db, meeting, { text: `Ryd op i skuret nummer ${i}` });
    const first = await k.agent.get('/search').query({ q: 'skuret', type: 'opfoelgning' });
    expect(hitTitles(first.text)).toHaveLength(20);
    expect(pagerText(first.text)).toBe('Viser 1–20 af 45 · side 1 af 3');
    expect(relHref(first.text, 'next')).toBe('/search?q=skuret&type=opfoelgning&page=2');
    const third = await k.agent.get('/search?q=skuret&type=opfoelgning&page=3');
    expect(hitTitles(third.text)).toHaveLength(5);
    expect(pagerText(third.text)).toBe('Viser 41–45 af 45 · side 3 af 3');
    const seen = new Set([...hitTitles(first.text), ...hitTitles((await k.agent.get('/search?q=skuret&type=opfoelgning&page=2')).text), ...hitTitles(third.text)]);
    expect(seen.size).toBe(45);
    // Past the end: the last page; not a number: the first.
    expect(pagerText((await k.agent.get('/search?q=skuret&page=99')).text)).toBe('Viser 41–45 af 45 · side 3 af 3');
    expect(pagerText((await k.agent.get('/search?q=skuret&page=abc')).text)).toBe('Viser 1–20 af 45 · side 1 af 3');
  });
});

describe('/search: who sees what', () => {
  it('a læser finds people by name and title, never by e-mail or phone, and sees neither', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aPerson(db, { name: 'Gitte Hemmelighed', title: 'Aftenvagt', email: 'gitte.privat@uldum.dk', phone: '+45 87 65 43 21' });
    for (const q of ['gitte.privat@uldum.dk', 'privat', '87654321', '87 65 43 21']) {
      const res = await l.agent.get('/search').query({ q });
      expect(hitTitles(res.text)).toEqual([]);
    }
    const byName = await l.agent.get('/search').query({ q: 'gitte aftenvagt' });
    expect(hitTitles(byName.text)).toEqual(['Gitte Hemmelighed']);
    expect(byName.text).not.toContain('gitte.privat');
    expect(byName.text).not.toContain('65 43');
  });

  it('needs a login', async () => {
    const { app, db } = await testApp();
    await signedIn(app, db, 'admin'); // so setup is done
    const res = await (await import('supertest')).default(app).get('/search?q=pleje');
    expect(res.status).toBe(303);
  });
});

describe('the search box in the header', () => {
  it('is on the dashboard, labelled, sending q to /search with a "Søg" button', async () => {
    const { app, db } = await testApp();
    const r = await signedIn(app, db, 'repraesentant');
    const res = await r.agent.get('/');
    expect(res.status).toBe(200);
    const form = /<form method="get" action="\/search" role="search" aria-label="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(res.text);
    expect(form).not.toBeNull();
    expect(form![1]).toBe('Søg i hele værktøjet');
    expect(form![2]).toMatch(/<label for="site-search-q"[^>]*>Søg i værktøjet<\/label>/);
    expect(form![2]).toMatch(/<input type="search" id="site-search-q" name="q"/);
    expect(form![2]).toMatch(/<button type="submit"[^>]*>Søg<\/button>/);
  });

  it('is on other pages too, but not for a signed-out visitor', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    for (const url of ['/meetings', '/people', '/search?q=x']) expect((await k.agent.get(url)).text).toContain('id="site-search-q"');
    const login = await (await import('supertest')).default(app).get('/login');
    expect(login.text).not.toContain('site-search-q');
  });
});
