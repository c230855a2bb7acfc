// The server's declared caches: per data version (again after any write, not before) and by
// content (bounded, least recently used out); remembered values are frozen in tests.
import { ContentCache, DataVersionCache, createCaches } from '../../server/web/caches';
import { freshDb } from '../helpers/app';
import { aPerson } from '../helpers/factories';

describe('DataVersionCache', () => {
  it('computes once until something is written, then afresh; per argument', async () => {
    const { db } = await freshDb();
    const cache = new DataVersionCache(db, 4, { freeze: false });
    let computed = 0;
    const count = (day: string) =>
      cache.get(day, async () => {
        computed++;
        const row = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        return Number(row.n);
      });
    const before = await count('2026-11-24');
    expect(await count('2026-11-24')).toBe(before);
    expect(computed).toBe(1);
    await aPerson(db, { name: 'Åse Ny' }); // an audited write
    expect(await count('2026-11-24')).toBe(before + 1);
    expect(computed).toBe(2);
    await count('2026-11-25');
    expect(computed).toBe(3);
  });

  it('keeps at most its bound of arguments and forgets a failed computation', async () => {
    const { db } = await freshDb();
    const cache = new DataVersionCache(db, 2, { freeze: false });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    await expect(cache.get('x', async () => Promise.reject(new Error('nej')))).rejects.toThrow('nej');
    expect(await cache.get('x', async () => 'ja')).toBe('ja');
  });

  it('freezes what it remembers when asked (tests), so no caller can change a shared value', async () => {
    const { db } = await freshDb();
    const caches = createCaches(db, { freeze: true });
    const value = await caches.statusReport.get({ from: '2026-01-01' }, async () => ({ rows: [{ n: 1 }] }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.rows[0])).toBe(true);
    expect(() => {
      (value.rows as Array<{ n: number }>).push({ n: 2 });
    }).toThrow();
  });
});

describe('ContentCache', () => {
  it('renders once per content and again when the content changes', async () => {
    const cache = new ContentCache(8, 1000);
    let renders = 0;
    const render = (text: string) => async () => {
      renders++;
      return Buffer.from(text);
    };
    const a = cache.key('pdf', { title: 'Møde', items: [1, 2] });
    expect((await cache.get(a, render('første'))).toString()).toBe('første');
    expect((await cache.get(a, render('anden'))).toString()).toBe('første');
    expect(renders).toBe(1);
    const b = cache.key('pdf', { title: 'Møde', items: [1, 2, 3] });
    expect(b).not.toBe(a);
    expect((await cache.get(b, render('tredje'))).toString()).toBe('tredje');
    expect(cache.key('docx', { title: 'Møde', items: [1, 2] })).not.toBe(a);
  });

  it('renders a file asked for by many at once only once, and a failed render is not remembered', async () => {
    const cache = new ContentCache(8, 1000);
    let renders = 0;
    let finish: (b: Buffer) => void = () => undefined;
    const slow = () => {
      renders++;
      return new Promise<Buffer>((resolve) => (finish = resolve));
    };
    const asked = Array.from({ length: 10 }, () => cache.get('samlet', slow));
    finish(Buffer.from('pdf'));
    expect((await Promise.all(asked)).map(String)).toEqual(Array(10).fill('pdf'));
    expect(renders).toBe(1);
    await expect(cache.get('broken', async () => Promise.reject(new Error('ødelagt')))).rejects.toThrow('ødelagt');
    expect((await cache.get('broken', async () => Buffer.from('ok'))).toString()).toBe('ok');
  });

  it('drops the least recently used entries beyond its bounds, and never keeps a huge file', async () => {
    const cache = new ContentCache(2, 1000);
    let renders = 0;
    const render = async () => {
      renders++;
      return Buffer.alloc(10);
    };
    await cache.get('a', render);
    await cache.get('b', render);
    await cache.get('a', render); // a is used again, so b is the oldest
    await cache.get('c', render);
    await cache.get('a', render);
    expect(renders).toBe(3);
    await cache.get('b', render);
    expect(renders).toBe(4);
    await cache.get('huge', async () => Buffer.alloc(600));
    expect(cache.size).toBe(2);
  });
});
