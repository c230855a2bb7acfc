// The data version under load: callers that ask while a query is out share the next one, and no
// caller is ever given an answer read before it asked.
import type { KyselyPlugin } from 'kysely';
import { audit, SYSTEM_ACTOR } from '../../server/db/audit';
import { dataVersion } from '../../server/db/data-version';
import { inRequestScope } from '../../server/db/request-scope';
import type { Db } from '../../server/db/database';
import { freshDb } from '../helpers/app';

function counted(db: Db): { db: Db; queries: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => (n++, args.result), // per execution (a compiled query is not transformed again)
  };
  return { db: db.withPlugin(plugin), queries: () => n };
}

const aWrite = (db: Db) => audit(db, { actor: SYSTEM_ACTOR, at: new Date(), action: 'update', entity: 'test', entityId: 1 });

describe('data version', () => {
  it('ten requests asking at once send at most two queries, and all get the same answer', async () => {
    const { db: raw } = await freshDb();
    const { db, queries } = counted(raw);
    const answers = await Promise.all(Array.from({ length: 10 }, () => dataVersion(db)));
    expect(queries()).toBeLessThanOrEqual(2);
    expect(new Set(answers).size).toBe(1);
  });

  it('a caller that asks after a write sees it, even while an earlier query is still out', async () => {
    const { db } = await freshDb();
    const before = dataVersion(db); // out now
    await aWrite(db);
    const after = await dataVersion(db);
    expect(await before).toBeLessThanOrEqual(after);
    expect(after).toBe(Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('v')).executeTakeFirstOrThrow()).v));
  });

  it('within one request it is read once, and again after a write in this process', async () => {
    const { db: raw } = await freshDb();
    const { db, queries } = counted(raw);
    await inRequestScope(async () => {
      const first = await dataVersion(db);
      expect(await dataVersion(db)).toBe(first);
      expect(queries()).toBe(1);
      await aWrite(raw);
      expect(await dataVersion(db)).toBe(first + 1);
    });
  });
});
