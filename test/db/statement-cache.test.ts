// Compiled statements are reused for the same SQL, a statement still being iterated is not
// shared, and the cache stays within its size.
import SQLite from 'better-sqlite3';
import { withStatementCache } from '../../server/db/database';

function database() {
  const raw = new SQLite(':memory:');
  raw.exec('create table t (n integer); insert into t values (1), (2), (3);');
  return raw;
}

describe('withStatementCache', () => {
  it('reuses the compiled statement for the same SQL and prepares a new one for other SQL', () => {
    const cached = withStatementCache(database());
    const a = cached.prepare('select n from t order by n');
    expect(cached.prepare('select n from t order by n')).toBe(a);
    expect(cached.prepare('select count(*) as c from t')).not.toBe(a);
    expect(a.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('does not hand out a statement that is still being iterated', () => {
    const cached = withStatementCache(database());
    const first = cached.prepare('select n from t order by n');
    const rows = first.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const second = cached.prepare('select n from t order by n');
    expect(second).not.toBe(first);
    expect(second.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('forgets the least recently used statement beyond its size', () => {
    const cached = withStatementCache(database(), 2);
    const one = cached.prepare('select 1');
    cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one);
    cached.prepare('select 3'); // forgets "select 2"
    expect(cached.prepare('select 1')).toBe(one);
    const two = cached.prepare('select 2');
    expect(cached.prepare('select 2')).toBe(two);
  });
});

describe('slow query log', () => {
  it('writes each query at or above the threshold to stderr with its SQL, and none when off', async () => {
    const { createDb } = await import('../../server/db/database');
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    try {
      const logged = createDb(database(), { slowQueryMs: 0 });
      await logged.selectFrom('t' as never).selectAll().execute();
      const quiet = createDb(database());
      await quiet.selectFrom('t' as never).selectAll().execute();
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^langsom forespørgsel \d+\.\d ms: select \* from "t"$/);
  });
});
