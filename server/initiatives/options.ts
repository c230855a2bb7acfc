// Initiatives as select options, for the forms of other features that link to them.
import type { Db } from '../db/database';

export async function initiativeOptions(db: Db): Promise<Array<{ value: number; label: string }>> {
  const rows = await db.selectFrom('initiatives').select(['id', 'title', 'kind']).orderBy('sort_key').orderBy('id').execute();
  return rows.map((r) => ({ value: r.id, label: r.kind === 'proevehandling' ? `${r.title} (prøvehandling)` : r.title }));
}

/** Only the initiatives some learning is linked to: the learnings list's filter. */
export async function initiativesWithLearningsOptions(db: Db): Promise<Array<{ value: number; label: string }>> {
  const rows = await db
    .selectFrom('initiatives')
    .select(['id', 'title', 'kind'])
    .where('id', 'in', (eb) => eb.selectFrom('learning_initiatives').select('initiative_id'))
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ value: r.id, label: r.kind === 'proevehandling' ? `${r.title} (prøvehandling)` : r.title }));
}
