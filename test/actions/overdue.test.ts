// One rule for "overdue", in SQL (lists, counts) and in code (CSV, pages): they agree on every case.
import { isOverdue, overdueOn } from '../../server/actions/service';
import { freshDb } from '../helpers/app';
import { aMeeting, anAction } from '../helpers/factories';

describe('overdue', () => {
  it('is open and due before today, the same in SQL and in code', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db);
    const today = '2026-11-24';
    for (const status of ['aaben', 'i_gang', 'udfoert', 'droppet'] as const) {
      for (const due of ['2026-11-23', '2026-11-24', '2026-11-25', null]) await anAction(db, meeting, { text: `${status} ${due}`, status, due_date: due });
    }
    const all = await db.selectFrom('actions').select(['id', 'text', 'status', 'due_date']).execute();
    const bySql = new Set((await db.selectFrom('actions').select('id').where(overdueOn(today)).execute()).map((r) => r.id));
    expect(all.filter((a) => isOverdue(a, today)).map((a) => a.text)).toEqual(['aaben 2026-11-23', 'i_gang 2026-11-23']);
    for (const a of all) expect([a.text, bySql.has(a.id)]).toEqual([a.text, isOverdue(a, today)]);
  });
});
