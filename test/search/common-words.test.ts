// A word so common that ranking every hit would be slow: the newest records come first instead.
import { search, RANKED_HITS_LIMIT } from '../../server/search/service';
import { testApp } from '../helpers/app';
import { pageRequest } from '../../server/web/pagination';
import { withoutAuditRule } from '../helpers/audit-rule';

describe('search for a very common word', () => {
  it('lists the newest records first and says so, with the full count', async () => {
    const { db } = await testApp();
    const n = RANKED_HITS_LIMIT + 1;
    const now = '2026-11-01T09:00:00.000Z';
    // Thousands of rows are written directly (set-up, not the app): outside the audit rule.
    await withoutAuditRule(db, () => db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i += 500) {
        const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
          title: `Plejeerfaring ${i + k + 1}`,
          date: '2026-10-01',
          what_we_did: 'Vi prøvede noget nyt på plejecentret.',
          what_happened: '',
          what_next: '',
          outcome: 'delvist' as const,
          created_at: now,
          updated_at: now,
        }));
        await trx.insertInto('learnings').values(rows).execute();
      }
    }));
    const result = await search(db, { q: 'pleje', type: undefined, from: undefined, to: undefined }, pageRequest(1, 20));
    expect(result.total).toBe(n);
    expect(result.newestFirst).toBe(true);
    const titles = result.groups.flatMap((g) => g.hits.map((h) => h.title.map((s) => s.text).join('')));
    expect(titles[0]).toBe(`Plejeerfaring ${n}`);
    expect(titles[1]).toBe(`Plejeerfaring ${n - 1}`);
  });

  it('ranks the hits when there are fewer', async () => {
    const { db } = await testApp();
    const now = '2026-11-01T09:00:00.000Z';
    await withoutAuditRule(db, () => db
      .insertInto('learnings')
      .values([
        { title: 'Om noget andet', date: '2026-10-01', what_we_did: 'pleje nævnt én gang', what_happened: '', what_next: '', outcome: 'delvist', created_at: now, updated_at: now },
        { title: 'Pleje i hjemmet', date: '2026-10-01', what_we_did: '', what_happened: '', what_next: '', outcome: 'virkede', created_at: now, updated_at: now },
      ])
      .execute());
    const result = await search(db, { q: 'pleje', type: undefined, from: undefined, to: undefined }, pageRequest(1, 20));
    expect(result.newestFirst).toBe(false);
    const titles = result.groups.flatMap((g) => g.hits.map((h) => h.title.map((s) => s.text).join('')));
    expect(titles[0]).toBe('Pleje i hjemmet'); // a title hit counts more than a body hit
  });
});
