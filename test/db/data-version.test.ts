// Summaries computed once per data version: again after any write, not before.
import { perDataVersion } from '../../server/db/data-version';
import { freshDb } from '../helpers/app';
import { aPerson } from '../helpers/factories';

describe('perDataVersion', () => {
  it('computes once until something is written, then afresh; per argument', async () => {
    const { db } = await freshDb();
    let computed = 0;
    const count = perDataVersion(db, async (_day: string) => {
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
});
