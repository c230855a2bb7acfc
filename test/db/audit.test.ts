import { audit, SYSTEM_ACTOR } from '../../server/db/audit';
import { PASSWORD, signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { auditOf } from '../helpers/db';

describe('audit log', () => {
  it('records every write through the web with who, what, which record, before and after', async () => {
    const { app, db, clock } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');

    const org = await k.post('/organisations', { name: 'Revisionsforeningen', kind: 'forening', description: '', active: 'on' });
    const orgId = Number(org.headers.location.split('/').pop());
    await k.post(`/organisations/${orgId}`, { name: 'Revisionsforeningen i Uldum', kind: 'forening', description: '', active: 'on' });
    await k.post(`/organisations/${orgId}/delete`);

    const person = await k.post('/people', { name: 'Rie Revisor', title: '', organisation_id: '', position: 'andet', email: '', phone: '', active: 'on' });
    const personId = Number(person.headers.location.split('/').pop());
    await k.post(`/people/${personId}`, { name: 'Rie Revisor', title: 'Revisor', organisation_id: '', position: 'andet', email: '', phone: '', active: 'on' });
    await k.post(`/people/${personId}/delete`);

    await k.post('/partnerships/1', { name: 'Partnerskabet', purpose: '', project_area: 'Uldum', start_date: '', meeting_cadence: 'hver måned' });

    await admin.post('/admin/users', { email: 'ny@uldum.dk', role: 'laeser', name: 'Ny Læser', password: PASSWORD });
    const newUser = await db.selectFrom('users').select(['id', 'person_id']).where('email', '=', 'ny@uldum.dk').executeTakeFirstOrThrow();
    await admin.post(`/admin/users/${newUser.id}`, { role: 'repraesentant' });
    await admin.post(`/admin/users/${newUser.id}/password`, { password: 'endnu-en-ny-adgangskode' });

    const trail = async (entity: string, id: number) =>
      (await auditOf(db, entity, id)).map((e) => ({
        action: e.action,
        user_id: e.user_id,
        at: e.at,
        before: e.before && JSON.parse(e.before),
        after: e.after && JSON.parse(e.after),
      }));
    const at = clock.now().toISOString();

    expect(await trail('organisation', orgId)).toEqual([
      { action: 'create', user_id: k.userId, at, before: null, after: expect.objectContaining({ name: 'Revisionsforeningen' }) },
      {
        action: 'update',
        user_id: k.userId,
        at,
        before: expect.objectContaining({ id: orgId, name: 'Revisionsforeningen' }),
        after: expect.objectContaining({ id: orgId, name: 'Revisionsforeningen i Uldum' }),
      },
      { action: 'delete', user_id: k.userId, at, before: expect.objectContaining({ name: 'Revisionsforeningen i Uldum' }), after: null },
    ]);
    expect(await trail('person', personId)).toEqual([
      { action: 'create', user_id: k.userId, at, before: null, after: expect.objectContaining({ name: 'Rie Revisor' }) },
      { action: 'update', user_id: k.userId, at, before: expect.objectContaining({ title: '' }), after: expect.objectContaining({ title: 'Revisor' }) },
      { action: 'delete', user_id: k.userId, at, before: expect.objectContaining({ title: 'Revisor' }), after: null },
    ]);
    expect(await trail('partnership', 1)).toContainEqual({
      action: 'update',
      user_id: k.userId,
      at,
      before: expect.objectContaining({ meeting_cadence: 'aftales nærmere' }),
      after: expect.objectContaining({ name: 'Partnerskabet', meeting_cadence: 'hver måned' }),
    });
    expect(await trail('person', newUser.person_id)).toEqual([
      { action: 'create', user_id: admin.userId, at, before: null, after: expect.objectContaining({ name: 'Ny Læser' }) },
    ]);
    expect(await trail('user', newUser.id)).toEqual([
      { action: 'create', user_id: admin.userId, at, before: null, after: expect.objectContaining({ email: 'ny@uldum.dk', role: 'laeser' }) },
      { action: 'update', user_id: admin.userId, at, before: expect.objectContaining({ role: 'laeser' }), after: expect.objectContaining({ role: 'repraesentant' }) },
      { action: 'update', user_id: admin.userId, at, before: expect.objectContaining({ role: 'repraesentant' }), after: expect.objectContaining({ role: 'repraesentant' }) },
    ]);
  });

  it('never keeps a password hash', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');
    await admin.post(`/admin/users/${k.userId}/password`, { password: 'endnu-en-ny-adgangskode' });
    await admin.post(`/admin/users/${k.userId}`, { role: 'laeser', disabled: 'on' });
    await admin.post('/profile/password', { current_password: PASSWORD, password: 'admins-nye-adgangskode', password_confirm: 'admins-nye-adgangskode' });

    const hashes = (await db.selectFrom('users').select('password_hash').execute()).map((u) => u.password_hash);
    const rows = await db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'user').execute();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      const text = `${row.before ?? ''}${row.after ?? ''}`;
      expect(text).not.toContain('$argon2');
      for (const hash of hashes) expect(text).not.toContain(hash);
      for (const snapshot of [row.before, row.after]) {
        if (snapshot && 'password_hash' in JSON.parse(snapshot)) expect(JSON.parse(snapshot).password_hash).toBe('[skjult]');
      }
    }
  });

  it('hides a password hash wherever it sits in a snapshot', async () => {
    const { db } = await freshDb();
    await audit(db, {
      actor: SYSTEM_ACTOR,
      at: new Date('2026-11-24T10:00:00Z'),
      action: 'update',
      entity: 'user',
      entityId: 7,
      before: { password_hash: '$argon2id$v=19$hemmelig' },
      after: { nested: { password_hash: '$argon2id$v=19$hemmelig' } },
    });
    const [row] = await auditOf(db, 'user', 7);
    expect(row).toMatchObject({ user_id: null, action: 'update', entity_id: '7', at: '2026-11-24T10:00:00.000Z' });
    expect(JSON.parse(row.before!)).toEqual({ password_hash: '[skjult]' });
    expect(JSON.parse(row.after!)).toEqual({ nested: { password_hash: '[skjult]' } });
  });
});
