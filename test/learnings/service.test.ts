import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createLearning, deleteLearning, updateLearning } from '../../server/learnings/service';
import { MEETING_OPTIONS_LIMIT, meetingOptions } from '../../server/web/options';
import { Invalid, NotFound } from '../../server/web/errors';
import { freshDb } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting } from '../helpers/factories';
import { aLearningForm, anInitiative } from '../helpers/register-factories';
import { withoutAuditRule } from '../helpers/audit-rule';

const AT = new Date('2026-11-24T10:00:00Z');

describe('learnings service', () => {
  it('creates a learning with its links once each, and audits row and links together', async () => {
    const { db } = await freshDb();
    const i1 = await anInitiative(db);
    const i2 = await anInitiative(db);
    const m = await aMeeting(db);
    const id = await createLearning(db, aLearningForm({ title: 'Frisættelse er ikke målet, men en metode', initiative_ids: [i2, i1, i2], meeting_ids: [m] }), SYSTEM_ACTOR, AT);
    expect(await db.selectFrom('learning_initiatives').select('initiative_id').where('learning_id', '=', id).orderBy('initiative_id').execute()).toEqual([
      { initiative_id: i1 },
      { initiative_id: i2 },
    ]);
    const [entry] = await auditOf(db, 'learning', id);
    expect(entry).toMatchObject({ action: 'create', user_id: null, at: AT.toISOString() });
    expect(JSON.parse(entry.after!)).toMatchObject({ initiative_ids: [i1, i2], meeting_ids: [m] });
  });

  it('refuses unknown initiatives or meetings and saves nothing', async () => {
    const { db } = await freshDb();
    const i1 = await anInitiative(db);
    await expect(createLearning(db, aLearningForm({ initiative_ids: [i1, 999999] }), SYSTEM_ACTOR, AT)).rejects.toThrow(Invalid);
    await expect(createLearning(db, aLearningForm({ meeting_ids: [999999] }), SYSTEM_ACTOR, AT)).rejects.toMatchObject({ fieldErrors: { meeting_ids: 'Vælg et møde fra listen' } });
    expect(await countRows(db, 'learnings')).toBe(0);
    expect(await countRows(db, 'learning_initiatives')).toBe(0);
    expect(await auditOf(db, 'learning')).toHaveLength(0);
  });

  it('replaces the links on update and keeps the learning as it was when the update fails', async () => {
    const { db } = await freshDb();
    const i1 = await anInitiative(db);
    const i2 = await anInitiative(db);
    const id = await createLearning(db, aLearningForm({ title: 'Før', initiative_ids: [i1] }), SYSTEM_ACTOR, AT);
    await updateLearning(db, id, aLearningForm({ title: 'Efter', initiative_ids: [i2] }), SYSTEM_ACTOR, AT);
    expect(await db.selectFrom('learning_initiatives').select('initiative_id').where('learning_id', '=', id).execute()).toEqual([{ initiative_id: i2 }]);
    await expect(updateLearning(db, id, aLearningForm({ title: 'Fejl', initiative_ids: [999999] }), SYSTEM_ACTOR, AT)).rejects.toThrow(Invalid);
    expect((await db.selectFrom('learnings').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('Efter');
    expect(await db.selectFrom('learning_initiatives').select('initiative_id').where('learning_id', '=', id).execute()).toEqual([{ initiative_id: i2 }]);
    const update = (await auditOf(db, 'learning', id)).filter((e) => e.action === 'update');
    expect(update).toHaveLength(1);
    expect(JSON.parse(update[0].before!)).toMatchObject({ title: 'Før', initiative_ids: [i1] });
  });

  it('deletes a learning with its links; an unknown id is NotFound', async () => {
    const { db } = await freshDb();
    const m = await aMeeting(db);
    const id = await createLearning(db, aLearningForm({ meeting_ids: [m] }), SYSTEM_ACTOR, AT);
    await deleteLearning(db, id, SYSTEM_ACTOR, AT);
    expect(await countRows(db, 'learnings')).toBe(0);
    expect(await countRows(db, 'learning_meetings')).toBe(0);
    expect(await countRows(db, 'meetings')).toBe(1);
    await expect(deleteLearning(db, id, SYSTEM_ACTOR, AT)).rejects.toThrow(NotFound);
    await expect(updateLearning(db, id, aLearningForm(), SYSTEM_ACTOR, AT)).rejects.toThrow(NotFound);
  });
});

describe('meeting options for linking', () => {
  it('lists meetings newest first with their Danish date, the most recent ones only, plus any already linked', async () => {
    const { db } = await freshDb();
    const oldest = await aMeeting(db, { title: 'Det første møde', day: '2020-01-07', start_time: '23:30', end_time: '23:45' });
    for (let i = 0; i < MEETING_OPTIONS_LIMIT; i++) {
      await withoutAuditRule(db, async () => db
        .insertInto('meetings')
        .values({
          partnership_id: (await db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id,
          title: `Møde ${i}`,
          kind: 'arbejdsgruppe',
          starts_at: new Date(Date.UTC(2025, 0, 1 + i, 13)).toISOString(),
          ends_at: new Date(Date.UTC(2025, 0, 1 + i, 14)).toISOString(),
          place: '',
          status: 'planlagt',
          cancel_reason: null,
          convener_id: null,
          chair_id: null,
          minute_taker_id: null,
          evaluation_value: null,
          evaluation_led_to_action: null,
          evaluation_note: '',
          sequence: 0,
          created_at: AT.toISOString(),
          updated_at: AT.toISOString(),
        })
        .execute());
    }
    const recent = await meetingOptions(db);
    expect(recent).toHaveLength(MEETING_OPTIONS_LIMIT);
    expect(recent[0].label).toBe('19.07.2025 · Møde 199');
    expect(recent[MEETING_OPTIONS_LIMIT - 1].label).toBe('01.01.2025 · Møde 0');
    expect(recent.some((o) => o.value === oldest)).toBe(false);
    const withLinked = await meetingOptions(db, [oldest]);
    expect(withLinked).toHaveLength(MEETING_OPTIONS_LIMIT + 1);
    // 23:30 in Copenhagen is 22:30 UTC: the label shows the Danish day.
    expect(withLinked[withLinked.length - 1]).toEqual({ value: oldest, label: '07.01.2020 · Det første møde' });
  });
});
