import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createDilemma, deleteDilemma, updateDilemma } from '../../server/dilemmas/service';
import { dilemmaOptions } from '../../server/web/options';
import { Conflict, Invalid, NotFound } from '../../server/web/errors';
import { freshDb } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAgendaItem } from '../helpers/factories';
import { aDilemma, aDilemmaForm, anInitiative } from '../helpers/register-factories';
import { withoutAuditRule } from '../helpers/audit-rule';

const AT = new Date('2026-11-24T10:00:00Z');

describe('dilemmas service', () => {
  it('needs two different poles, compared without regard to case', async () => {
    const { db } = await freshDb();
    await expect(createDilemma(db, aDilemmaForm({ pole_a: 'Økonomiblikket', pole_b: 'ØKONOMIBLIKKET' }), SYSTEM_ACTOR, AT)).rejects.toMatchObject({
      fieldErrors: { pole_b: 'De to sider af dilemmaet skal være forskellige' },
    });
    const id = await aDilemma(db);
    await expect(updateDilemma(db, id, aDilemmaForm({ pole_a: 'Samme', pole_b: 'samme' }), SYSTEM_ACTOR, AT)).rejects.toThrow(Invalid);
    expect(await countRows(db, 'dilemmas')).toBe(1);
  });

  it('saves links once each, replaces them on update and audits both sides', async () => {
    const { db } = await freshDb();
    const i = await anInitiative(db);
    const m1 = await aMeeting(db);
    const m2 = await aMeeting(db);
    const id = await createDilemma(db, aDilemmaForm({ initiative_ids: [i, i], meeting_ids: [m2, m1] }), SYSTEM_ACTOR, AT);
    expect(await countRows(db, 'dilemma_initiatives')).toBe(1);
    expect(JSON.parse((await auditOf(db, 'dilemma', id))[0].after!)).toMatchObject({ initiative_ids: [i], meeting_ids: [m1, m2] });
    await updateDilemma(db, id, aDilemmaForm({ status: 'parkeret', meeting_ids: [m2] }), SYSTEM_ACTOR, AT);
    expect(await db.selectFrom('dilemma_meetings').select('meeting_id').where('dilemma_id', '=', id).execute()).toEqual([{ meeting_id: m2 }]);
    expect(await countRows(db, 'dilemma_initiatives')).toBe(0);
    const update = (await auditOf(db, 'dilemma', id)).find((e) => e.action === 'update')!;
    expect(JSON.parse(update.before!)).toMatchObject({ status: 'rejst', initiative_ids: [i], meeting_ids: [m1, m2] });
    expect(JSON.parse(update.after!)).toMatchObject({ status: 'parkeret', initiative_ids: [], meeting_ids: [m2] });
  });

  it('refuses an unknown initiative and leaves nothing behind', async () => {
    const { db } = await freshDb();
    await expect(createDilemma(db, aDilemmaForm({ initiative_ids: [424242] }), SYSTEM_ACTOR, AT)).rejects.toMatchObject({
      fieldErrors: { initiative_ids: 'Vælg initiativer fra listen' },
    });
    expect(await countRows(db, 'dilemmas')).toBe(0);
  });

  it('deletes a dilemma not on any agenda, refuses one that is, and knows no unknown ids', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db);
    const free = await aDilemma(db, { meeting_ids: [meeting] });
    await deleteDilemma(db, free, SYSTEM_ACTOR, AT);
    expect(await countRows(db, 'dilemma_meetings')).toBe(0);
    const onAgenda = await aDilemma(db);
    await withoutAuditRule(db, async () => db.insertInto('agenda_item_dilemmas').values({ agenda_item_id: await anAgendaItem(db, meeting), dilemma_id: onAgenda }).execute());
    await expect(deleteDilemma(db, onAgenda, SYSTEM_ACTOR, AT)).rejects.toThrow(Conflict);
    expect(await countRows(db, 'dilemmas')).toBe(1);
    await expect(deleteDilemma(db, free, SYSTEM_ACTOR, AT)).rejects.toThrow(NotFound);
    await expect(updateDilemma(db, free, aDilemmaForm(), SYSTEM_ACTOR, AT)).rejects.toThrow(NotFound);
  });

  it('offers dilemmas for other forms in Danish order, parked ones last and marked', async () => {
    const { db } = await freshDb();
    const parked = await aDilemma(db, { title: 'Arbejdstilsyn og socialtilsyn', status: 'parkeret' });
    const aa = await aDilemma(db, { title: 'Økonomi' });
    const b = await aDilemma(db, { title: 'Frivillige' });
    expect(await dilemmaOptions(db)).toEqual([
      { value: b, label: 'Frivillige' },
      { value: aa, label: 'Økonomi' },
      { value: parked, label: 'Arbejdstilsyn og socialtilsyn (parkeret)' },
    ]);
  });
});
