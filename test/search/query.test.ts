// The query builder turns any text into a safe FTS5 MATCH expression; every expression it makes
// is also run against a real FTS5 table, so "safe" means SQLite accepts it, not only that it looks right.
import SQLite from 'better-sqlite3';
import { MAX_TERMS, normaliseAa, parseQuery, toMatchExpression } from '../../server/search/query';
import { highlightWords, markedSegments } from '../../server/search/service';
import { highlightTerms } from '../../server/search/query';

const HOSTILE = [
  '"',
  '""',
  '"""',
  '*',
  '**',
  '-',
  '- -',
  '-pleje',
  'pleje*',
  '^pleje',
  '+',
  ':',
  'title:pleje',
  '{title body}: pleje',
  '(',
  ')',
  '(pleje',
  'pleje)',
  'NEAR',
  'NEAR(a b)',
  'NEAR(a b, 2)',
  'a NEAR/2 b',
  'AND',
  'OR',
  'NOT',
  'pleje AND',
  'OR pleje',
  'NOT NOT NOT',
  'a OR b AND NOT c',
  "'); drop table people;--",
  "' OR 1=1 --",
  '"; delete from search_index; --',
  'search_index',
  'rank',
  '\\',
  '\u0000',
  '\u0002pleje\u0003',
  '😀',
  '🇩🇰 pleje 👍🏽',
  '日本語',
  'ﬁ ligature',
  'é',
  'e\u0301', // e + combining accent
  ' ',
  '\t\n',
  '.,;!?',
  '%_',
  '<script>alert(1)</script>',
  '&amp;',
  'x'.repeat(500),
  'pleje '.repeat(100),
  '"unbalanced phrase',
  'a "b c',
  '"a" "b',
  '"" pleje ""',
  '" "',
  'NEAR("a" "b")',
  '*"pleje"*',
];

describe('toMatchExpression', () => {
  let raw: SQLite.Database;
  beforeAll(() => {
    raw = new SQLite(':memory:');
    raw.exec(`create virtual table t using fts5(title, body, tokenize = "unicode61 remove_diacritics 0")`);
    raw.exec(`insert into t (title, body) values ('Plejecentret i Uldum', 'near and or not økonomiblik')`);
  });
  afterAll(() => raw.close());

  const accepted = (input: string) => {
    const match = toMatchExpression(input);
    if (match !== null) raw.prepare('select rowid from t where t match ?').all(match);
  };

  it.each(HOSTILE.map((q) => [q.length > 40 ? `${q.slice(0, 12)}… (${q.length} tegn)` : q, q]))('makes %j safe: null or an expression FTS5 accepts', (_label, input) => {
    expect(() => accepted(input)).not.toThrow();
  });

  it('makes random mixes of FTS5 syntax, quotes and letters safe', () => {
    const pool = ['"', '"', '*', '-', '+', '^', ':', '(', ')', '{', '}', ',', ' ', ' ', 'NEAR', 'AND', 'OR', 'NOT', 'a', 'å', 'Aa', 'ø', '1', '😀', "'", ';', '\\', '\u0000'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pool[Math.floor(next() * pool.length)]).join('');
      expect(() => accepted(input)).not.toThrow();
    }
  });

  it('quotes every word and makes it a prefix; keywords become plain words', () => {
    expect(toMatchExpression('pleje')).toBe('"pleje"*');
    expect(toMatchExpression('Pleje i Uldum')).toBe('"Pleje"* "i"* "Uldum"*');
    expect(toMatchExpression('a AND b OR NOT c')).toBe('"a"* "AND"* "b"* "OR"* "NOT"* "c"*');
    expect(toMatchExpression('NEAR(a b)')).toBe('"NEAR"* "a"* "b"*');
    expect(raw.prepare('select count(*) as n from t where t match ?').get(toMatchExpression('near and or not'))).toEqual({ n: 1 });
  });

  it('keeps phrases in quotes as exact phrases', () => {
    expect(toMatchExpression('"i Uldum" pleje')).toBe('"i Uldum" "pleje"*');
    expect(toMatchExpression('"pleje"')).toBe('"pleje"');
    expect(toMatchExpression('"Plejecentret i"')).toBe('"Plejecentret i"');
  });

  it('reads an unbalanced quote as a word boundary', () => {
    expect(toMatchExpression('"pleje')).toBe('"pleje"*');
    expect(toMatchExpression('pleje"centret')).toBe('"pleje"* "centret"*');
    expect(toMatchExpression('"i Uldum" "pleje')).toBe('"i Uldum" "pleje"*');
    expect(parseQuery('a "b c')).toEqual({ words: ['a', 'b', 'c'], phrases: [] });
  });

  it('drops everything that is not a letter or digit', () => {
    expect(toMatchExpression("'); drop table people;--")).toBe('"drop"* "table"* "people"*');
    expect(toMatchExpression('-pleje* ^uldum:')).toBe('"pleje"* "uldum"*');
    expect(toMatchExpression('e-mail')).toBe('"e"* "mail"*');
    expect(toMatchExpression('2026')).toBe('"2026"*');
  });

  it('returns null when nothing searchable is left', () => {
    for (const input of ['', ' ', '"', '""', '*', '-', '😀', '.,;!?', '" "', '\u0000\u0002']) expect(toMatchExpression(input)).toBeNull();
  });

  it('keeps letters of any script, and Danish letters as they are', () => {
    expect(toMatchExpression('Økonomiblik æble')).toBe('"Økonomiblik"* "æble"*');
    expect(toMatchExpression('日本語')).toBe('"日本語"*');
    expect(toMatchExpression('e\u0301t')).toBe('"ét"*'); // composed, as stored text is
  });

  it('reads aa as å, in the same way as the index', () => {
    expect(normaliseAa('Aagaard')).toBe('Ågård');
    expect(normaliseAa('AAGAARD')).toBe('ÅGÅRD');
    expect(normaliseAa('Ågaard')).toBe('Ågård');
    expect(toMatchExpression('aagaard')).toBe('"ågård"*');
    expect(toMatchExpression('"Aa Aarhus"')).toBe('"Å Århus"');
    const sqlite = raw.prepare(`select replace(replace(replace(?, 'aa', 'å'), 'Aa', 'Å'), 'AA', 'Å') as x`);
    for (const text of ['Aagaard', 'AAGAARD', 'aAa', 'Aaa', 'AAa', 'aaaa', 'Kaas Aa']) {
      expect(normaliseAa(text)).toBe((sqlite.get(text) as { x: string }).x);
    }
  });

  it('bounds the work: at most MAX_TERMS terms, repeated words once', () => {
    const many = Array.from({ length: 100 }, (_, i) => `ord${i}`).join(' ');
    expect(toMatchExpression(many)!.split(' ')).toHaveLength(MAX_TERMS);
    expect(toMatchExpression('pleje '.repeat(100))).toBe('"pleje"*');
    expect(toMatchExpression('x'.repeat(500))).toBe(`"${'x'.repeat(500)}"*`);
  });
});

describe('marking hits', () => {
  it('splits snippet text on the markers and drops other control characters', () => {
    expect(markedSegments('før \u0002pleje\u0003centret efter')).toEqual([
      { text: 'før ', mark: false },
      { text: 'pleje', mark: true },
      { text: 'centret efter', mark: false },
    ]);
    expect(markedSegments('\u0002a\u0003\u0002b\u0003')).toEqual([{ text: 'ab', mark: true }]);
    expect(markedSegments('<b>x</b>\u0000\u0007')).toEqual([{ text: '<b>x</b>', mark: false }]);
    expect(markedSegments('')).toEqual([]);
  });

  it('marks the words of a title that start with a query word, aa read as å', () => {
    const terms = highlightTerms('aagaard mød');
    expect(highlightWords('Møde hos Ågaard og Aagaard', terms)).toEqual([
      { text: 'Møde', mark: true },
      { text: ' hos ', mark: false },
      { text: 'Ågaard', mark: true },
      { text: ' og ', mark: false },
      { text: 'Aagaard', mark: true },
    ]);
    expect(highlightWords('Plejecentret', highlightTerms('"pleje"'))).toEqual([{ text: 'Plejecentret', mark: false }]);
    expect(highlightWords('<script>', highlightTerms('script'))).toEqual([
      { text: '<', mark: false },
      { text: 'script', mark: true },
      { text: '>', mark: false },
    ]);
  });
});
