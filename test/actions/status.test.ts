// POST /actions/:id/status: a representative completes their own follow-up actions, the
// consultant any; nobody else. Also straight through setActionStatus.
import { setActionStatus } from '../../server/actions/service';
import { Forbidden, NotFound } from '../../server/web/errors';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp, type TestApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { aMeeting, anAction, aUser, personId } from '../helpers/factories';
import { fieldError, flashes } from '../helpers/html';

type Db = TestApp['db'];

async function actionRow(db: Db, id: number) {
  return db.selectFrom('actions').select(['status', 'completed_at', 'text']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** A meeting with one action owned by Hanne (FOA) and one owned by René (Hedensted Kommune). */
async function owned(db: Db) {
  const meeting = await aMeeting(db, { kind: 'workshop' });
  const hannes = await anAction(db, meeting, { text: 'Hannes opgave', owner_id: await personId(db, 'Hanne M. Petersen'), due_date: '2026-12-01' });
  const renes = await anAction(db, meeting, { text: 'Renés opgave', owner_id: await personId(db, 'René G. Nielsen') });
  return { meeting, hannes, renes };
}

describe('POST /actions/:id/status', () => {
  it('lets a representative complete their own action and returns to where they came from', async () => {
    const { app, db, clock } = await testApp();
    const { hannes } = await owned(db);
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    clock.set('2026-11-24T15:00:00.000Z');
    const res = await hanne.post(`/actions/${hannes}/status`, { status: 'udfoert', back: '/actions?open=on' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/actions?open=on');
    expect(await actionRow(db, hannes)).toMatchObject({ status: 'udfoert', completed_at: '2026-11-24T15:00:00.000Z' });
    expect(flashes((await hanne.agent.get('/actions')).text)).toEqual(['Status er ændret til "Udført".']);
    const [, entry] = await auditOf(db, 'action', hannes);
    expect(entry).toMatchObject({ action: 'update', user_id: hanne.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ status: 'udfoert' });
  });

  it('offers the status form only on the representative’s own actions', async () => {
    const { app, db } = await testApp();
    const { meeting, hannes, renes } = await owned(db);
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    for (const page of [await hanne.agent.get('/actions'), await hanne.agent.get(`/meetings/${meeting}`)]) {
      expect(page.text).toContain(`action="/actions/${hannes}/status"`);
      expect(page.text).not.toContain(`action="/actions/${renes}/status"`);
    }
  });

  it('answers 403 to a representative changing someone else’s action, and changes nothing', async () => {
    const { app, db } = await testApp();
    const { renes } = await owned(db);
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const res = await hanne.post(`/actions/${renes}/status`, { status: 'udfoert' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Du kan kun ændre status på opfølgningspunkter, du selv er ansvarlig for.');
    expect(await actionRow(db, renes)).toMatchObject({ status: 'aaben', completed_at: null });
    expect(await auditOf(db, 'action', renes)).toHaveLength(1);
  });

  it('answers 403 to a reader, even one who owns the action', async () => {
    const { app, db } = await testApp();
    const { hannes } = await owned(db);
    const reader = await signedIn(app, db, 'laeser', { personName: 'Hanne M. Petersen' });
    expect((await reader.post(`/actions/${hannes}/status`, { status: 'udfoert' })).status).toBe(403);
    expect((await actionRow(db, hannes)).status).toBe('aaben');
  });

  it('lets the consultant and an administrator change any action; the meeting page is the default way back', async () => {
    const { app, db } = await testApp();
    const { meeting, hannes, renes } = await owned(db);
    const k = await signedIn(app, db, 'konsulent');
    const admin = await signedIn(app, db, 'admin');
    const res = await k.post(`/actions/${hannes}/status`, { status: 'i_gang' });
    expect(res.headers.location).toBe(`/meetings/${meeting}`);
    expect((await admin.post(`/actions/${renes}/status`, { status: 'droppet' })).status).toBe(303);
    expect((await actionRow(db, hannes)).status).toBe('i_gang');
    expect((await actionRow(db, renes)).status).toBe('droppet');
  });

  it('returns to the dashboard when the change was made there', async () => {
    const { app, db } = await testApp();
    const { hannes } = await owned(db);
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const dashboard = await hanne.agent.get('/');
    expect(dashboard.text).toContain('<input type="hidden" name="back" value="/">');
    const res = await hanne.post(`/actions/${hannes}/status`, { status: 'udfoert', back: '/' });
    expect(res.headers.location).toBe('/');
  });

  it('never redirects to another site', async () => {
    const { app, db } = await testApp();
    const { meeting, hannes } = await owned(db);
    const k = await signedIn(app, db, 'konsulent');
    for (const back of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await k.post(`/actions/${hannes}/status`, { status: 'i_gang', back });
      expect([back, res.headers.location]).toEqual([back, `/meetings/${meeting}`]);
    }
  });

  it('answers a status that is not offered with 422 and the status form again, and changes nothing', async () => {
    const { app, db } = await testApp();
    const { meeting, hannes } = await owned(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/actions/${hannes}/status`, { status: 'færdig', back: '/actions?open=on' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<title>Fejl: Skift status · Uldum Samskabelse</title>');
    expect(res.text).toContain('Hannes opgave');
    expect(fieldError(res.text, 'status')).toBe('Vælg en status fra listen');
    expect(res.text).toContain(`action="/actions/${hannes}/status"`);
    expect(res.text).toContain('<input type="hidden" name="back" value="/actions?open=on">');
    expect(res.text).toContain('<a href="/actions?open=on">Fortryd</a>');
    expect((await actionRow(db, hannes)).status).toBe('aaben');
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual([]);

    const fixed = await k.post(`/actions/${hannes}/status`, { status: 'udfoert', back: '/actions?open=on' });
    expect(fixed.headers.location).toBe('/actions?open=on');
    expect((await actionRow(db, hannes)).status).toBe('udfoert');
  });

  it('answers 403, not the form, to a representative who sends a wrong status for someone else’s action', async () => {
    const { app, db } = await testApp();
    const { renes } = await owned(db);
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const res = await hanne.post(`/actions/${renes}/status`, { status: 'færdig' });
    expect(res.status).toBe(403);
  });
});

describe('setActionStatus', () => {
  it('keeps the first completion time, and clears it when the action is reopened', async () => {
    const { db } = await freshDb();
    const { hannes } = await owned(db);
    const k = await aUser(db, 'konsulent');
    const who = { userId: k.userId, personId: k.personId, mayEditAll: true };
    await setActionStatus(db, hannes, 'udfoert', who, new Date('2026-11-24T10:00:00Z'));
    await setActionStatus(db, hannes, 'droppet', who, new Date('2026-11-25T10:00:00Z'));
    expect(await actionRow(db, hannes)).toMatchObject({ status: 'droppet', completed_at: '2026-11-24T10:00:00.000Z' });
    await setActionStatus(db, hannes, 'i_gang', who, new Date('2026-11-26T10:00:00Z'));
    expect(await actionRow(db, hannes)).toMatchObject({ status: 'i_gang', completed_at: null });
  });

  it('writes nothing when the status is unchanged', async () => {
    const { db } = await freshDb();
    const { hannes } = await owned(db);
    const k = await aUser(db, 'konsulent');
    await setActionStatus(db, hannes, 'aaben', { userId: k.userId, personId: k.personId, mayEditAll: true }, new Date());
    expect(await auditOf(db, 'action', hannes)).toHaveLength(1);
  });

  it('lets an owner change only their own, and says so otherwise', async () => {
    const { db } = await freshDb();
    const { hannes, renes } = await owned(db);
    const hanne = await aUser(db, 'repraesentant', 'Hanne M. Petersen');
    const who = { userId: hanne.userId, personId: hanne.personId, mayEditAll: false };
    await setActionStatus(db, hannes, 'i_gang', who, new Date());
    await expect(setActionStatus(db, renes, 'i_gang', who, new Date())).rejects.toBeInstanceOf(Forbidden);
    await expect(setActionStatus(db, 999999, 'i_gang', who, new Date())).rejects.toBeInstanceOf(NotFound);
    expect((await actionRow(db, hannes)).status).toBe('i_gang');
    expect((await actionRow(db, renes)).status).toBe('aaben');
  });
});
