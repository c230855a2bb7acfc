import { SYSTEM_ACTOR } from '../../server/db/audit';
import { FefFormSchema, formatHours, hoursFieldValue, optionalHours } from '../../server/fef/schemas';
import { createFefItem, deleteFefItem, hoursSavedByDecision, updateFefItem } from '../../server/fef/service';
import { Invalid, NotFound } from '../../server/web/errors';
import { freshDb } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting } from '../helpers/factories';
import { aFefForm, aFefItem } from '../helpers/register-factories';

const AT = new Date('2026-11-24T10:00:00Z');

describe('hours per month', () => {
  it.each([
    ['1,5', 1.5],
    ['1.5', 1.5],
    ['0,25', 0.25],
    ['10000', 10000],
    ['', null],
    ['   ', null],
    [undefined, null],
  ])('reads %p as %p', (typed, hours) => {
    expect(optionalHours.parse(typed)).toBe(hours);
  });

  it.each(['-0,5', '1.000', '1,234', 'en', '1,5,5', '10000,01', ['1', '2']])('refuses %p', (typed) => {
    expect(optionalHours.safeParse(typed).success).toBe(false);
  });

  it('shows hours the Danish way, and in the form so they read back unchanged', () => {
    expect(formatHours(1004.5)).toBe('1.004,5');
    expect(formatHours(0)).toBe('0');
    expect(formatHours(null)).toBe('');
    expect(hoursFieldValue(1004.5)).toBe('1004,5');
    expect(optionalHours.parse(hoursFieldValue(1004.5))).toBe(1004.5);
    expect(hoursFieldValue(null)).toBe('');
  });
});

describe('forklar eller fjern service', () => {
  it('totals the estimated hours by decision in one pass, listing every decision', async () => {
    const { db } = await freshDb();
    expect(await hoursSavedByDecision(db)).toEqual({
      byDecision: [
        { decision: 'afventer', items: 0, estimated: 0, hours: 0 },
        { decision: 'forklaret_bevares', items: 0, estimated: 0, hours: 0 },
        { decision: 'aendret', items: 0, estimated: 0, hours: 0 },
        { decision: 'fjernet', items: 0, estimated: 0, hours: 0 },
      ],
      saved: 0,
      pending: 0,
      items: 0,
    });
    await aFefItem(db, { decision: 'afventer', hours_saved_per_month: 0.1 });
    await aFefItem(db, { decision: 'afventer', hours_saved_per_month: 0.2 });
    await aFefItem(db, { decision: 'afventer', hours_saved_per_month: null });
    await aFefItem(db, { decision: 'aendret', hours_saved_per_month: 1.5 });
    await aFefItem(db, { decision: 'fjernet', hours_saved_per_month: 2 });
    await aFefItem(db, { decision: 'fjernet', hours_saved_per_month: 0.75 });
    expect(await hoursSavedByDecision(db)).toEqual({
      byDecision: [
        { decision: 'afventer', items: 3, estimated: 2, hours: 0.3 },
        { decision: 'forklaret_bevares', items: 0, estimated: 0, hours: 0 },
        { decision: 'aendret', items: 1, estimated: 1, hours: 1.5 },
        { decision: 'fjernet', items: 2, estimated: 2, hours: 2.75 },
      ],
      saved: 4.25,
      pending: 0.3,
      items: 6,
    });
  });

  it('keeps a rule only when it is explained', async () => {
    const { db } = await freshDb();
    await expect(createFefItem(db, aFefForm({ decision: 'forklaret_bevares', rationale: '' }), SYSTEM_ACTOR, AT)).rejects.toMatchObject({
      fieldErrors: { rationale: 'Skriv begrundelsen: en regel, der bevares, skal forklares' },
    });
    const id = await createFefItem(db, aFefForm({ decision: 'forklaret_bevares', rationale: 'Følger af serviceloven.' }), SYSTEM_ACTOR, AT);
    await expect(updateFefItem(db, id, aFefForm({ decision: 'forklaret_bevares', rationale: '' }), SYSTEM_ACTOR, AT)).rejects.toThrow(Invalid);
    expect((await db.selectFrom('fef_items').select('rationale').where('id', '=', id).executeTakeFirstOrThrow()).rationale).toBe('Følger af serviceloven.');
  });

  it('records a decision at a meeting only once it is decided, and only at a meeting that exists', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db);
    await expect(createFefItem(db, aFefForm({ decision: 'afventer', decided_meeting_id: meeting }), SYSTEM_ACTOR, AT)).rejects.toThrow(Invalid);
    await expect(createFefItem(db, aFefForm({ decision: 'fjernet', decided_meeting_id: 999999 }), SYSTEM_ACTOR, AT)).rejects.toMatchObject({
      fieldErrors: { decided_meeting_id: 'Vælg et møde fra listen' },
    });
    await expect(createFefItem(db, aFefForm({ raised_by: 999999 }), SYSTEM_ACTOR, AT)).rejects.toMatchObject({ fieldErrors: { raised_by: 'Vælg en person fra listen' } });
    expect(await countRows(db, 'fef_items')).toBe(0);
    const id = await createFefItem(db, aFefForm({ decision: 'fjernet', decided_meeting_id: meeting }), SYSTEM_ACTOR, AT);
    expect((await db.selectFrom('fef_items').select('decided_meeting_id').where('id', '=', id).executeTakeFirstOrThrow()).decided_meeting_id).toBe(meeting);
  });

  it('audits create, update and delete; an unknown id is NotFound', async () => {
    const { db } = await freshDb();
    const id = await createFefItem(db, FefFormSchema.parse({ title: 'Dobbelt registrering', origin: 'selvopfundet', decision: 'afventer', hours_saved_per_month: '3' }), SYSTEM_ACTOR, AT);
    await updateFefItem(db, id, aFefForm({ title: 'Dobbelt registrering', origin: 'selvopfundet', decision: 'fjernet', hours_saved_per_month: 3 }), SYSTEM_ACTOR, AT);
    await deleteFefItem(db, id, SYSTEM_ACTOR, AT);
    expect((await auditOf(db, 'fef_item', id)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    await expect(deleteFefItem(db, id, SYSTEM_ACTOR, AT)).rejects.toThrow(NotFound);
    await expect(updateFefItem(db, id, aFefForm(), SYSTEM_ACTOR, AT)).rejects.toThrow(NotFound);
  });
});
