import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import request from 'supertest';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';

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

  it('is for administrators only and needs the CSRF token', async () => {
    const { app, db } = await testApp();
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await konsulent.post('/admin/backup')).status).toBe(403);
    const admin = await signedIn(app, db, 'admin');
    expect((await admin.agent.post('/admin/backup')).status).toBe(403);
    expect((await request(app).get('/admin/backup')).status).toBe(303);
  });
});
