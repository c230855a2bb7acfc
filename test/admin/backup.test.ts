import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import request from 'supertest';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { withoutAuditRule } from '../helpers/audit-rule';

describe('/admin/backup', () => {
  it('gives an administrator a consistent copy of the database', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    expect((await admin.agent.get('/admin/backup')).status).toBe(200);
    const res = await admin
      .post('/admin/backup')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?uldum-backup-2026-11-24\.sqlite"?/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-')), 'copy.sqlite');
    fs.writeFileSync(file, res.body as Buffer);
    const copy = new SQLite(file, { readonly: true });
    const people = copy.prepare("select count(*) as n from people where name = 'Hanne M. Petersen'").get() as { n: number };
    expect(people.n).toBe(1);
    copy.close();
  });

  it('is served as a secret file and leaves out sign-in sessions and calendar addresses, also from the audit log', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const konsulent = await signedIn(app, db, 'konsulent');
    // A calendar address, and an administrator's change to the account (its audit entry holds the row).
    const token = 'hemmelig-kalender-noegle-0123456789';
    await withoutAuditRule(db, () => db.updateTable('users').set({ calendar_token: token }).where('id', '=', konsulent.userId).execute());
    await admin.post(`/admin/users/${konsulent.userId}`, { role: 'repraesentant' });
    // An entry written before the audit log hid calendar addresses.
    const oldToken = 'gammel-kalender-noegle-9876543210';
    const oldEntry = { at: '2026-01-02T09:00:00.000Z', user_id: null, action: 'update' as const, entity: 'user', entity_id: String(konsulent.userId) };
    await withoutAuditRule(db, () => db.insertInto('audit_log').values({ ...oldEntry, before: JSON.stringify({ role: 'laeser', calendar_token: oldToken }), after: JSON.stringify({ role: 'konsulent', calendar_token: oldToken }) }).execute());
    const sids = (await db.selectFrom('sessions').select('sid').execute()).map((s) => s.sid);
    expect(sids.length).toBeGreaterThan(0);

    const page = await admin.agent.get('/admin/backup');
    expect(page.text).toContain('personoplysninger');
    expect(page.text).toContain('adgangskode-hashes');

    const res = await admin
      .post('/admin/backup')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const bytes = res.body as Buffer;
    for (const secret of [token, oldToken, ...sids]) expect([secret, bytes.includes(secret)]).toEqual([secret, false]);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-')), 'copy.sqlite');
    fs.writeFileSync(file, bytes);
    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
      expect(copy.prepare('select count(*) as n from users where calendar_token is not null').get()).toEqual({ n: 0 });
      // Accounts survive a restore: e-mail and password hash are kept.
      const user = copy.prepare('select role, password_hash from users where id = ?').get(konsulent.userId) as { role: string; password_hash: string };
      expect(user.role).toBe('repraesentant');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const entry = copy.prepare("select before, after from audit_log where at = '2026-01-02T09:00:00.000Z'").get() as { before: string; after: string };
      expect([JSON.parse(entry.before), JSON.parse(entry.after)]).toEqual([
        { role: 'laeser', calendar_token: '[skjult]' },
        { role: 'konsulent', calendar_token: '[skjult]' },
      ]);
    } finally {
      copy.close();
    }
  });

  it('is for administrators only and needs the CSRF token', async () => {
    const { app, db } = await testApp();
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await konsulent.post('/admin/backup')).status).toBe(403);
    const admin = await signedIn(app, db, 'admin');
    expect((await admin.agent.post('/admin/backup')).status).toBe(403);
    expect((await request(app).get('/admin/backup')).status).toBe(303);
  });
});
