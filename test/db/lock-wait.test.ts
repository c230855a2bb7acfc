// Another process (a CLI job) holding SQLite's write lock must not freeze the server: reads go on,
// a write waits for the lock without blocking the event loop, and gives up with a clear page.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app';
import { openDatabase, type DbOptions } from '../../server/db/database';
import { fixedClock } from '../../server/web/clock';
import { signedIn } from '../helpers/agent';
import { freshDb, testConfig, TEST_NOW } from '../helpers/app';

const LOCK_HOLDER = path.join(__dirname, 'lock-holder.js');

let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-lock-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A seeded database in a file, opened as the server opens it, and an app on it. */
async function appOnFile(options: DbOptions) {
  const file = path.join(dir, 'uldum.sqlite');
  const { raw: template } = await freshDb();
  fs.writeFileSync(file, template.serialize());
  template.close();
  const { db } = openDatabase(file, options);
  const app = createApp({ db, config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined });
  return { file, db, app };
}

/** A second process that takes the write lock (BEGIN IMMEDIATE) and keeps it until told. */
async function holdWriteLock(file: string) {
  const child = fork(LOCK_HOLDER, [file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const next = () => new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(String(m)));
    child.once('error', reject);
  });
  expect(await next()).toBe('locked');
  return {
    release: async () => {
      const released = next();
      child.send('release');
      expect(await released).toBe('released');
    },
  };
}

const ORGANISATION = { name: 'Ventende forening', kind: 'forening' };

describe('a write lock held by another process', () => {
  it('lets reads through while a write waits, and the write completes once the lock is released', async () => {
    let lockWaits = 0;
    let firstWait!: () => void;
    const waiting = new Promise<void>((resolve) => (firstWait = resolve));
    const { file, db, app } = await appOnFile({
      lockWaitMs: 10 * 60 * 1000, // longer than any test run: only the release ends the wait
      onLockWait: () => {
        lockWaits++;
        firstWait();
      },
    });
    const konsulent = await signedIn(app, db, 'konsulent');
    const lock = await holdWriteLock(file);

    let written = false;
    const write = konsulent.post('/organisations', ORGANISATION).then((res) => {
      written = true;
      return res;
    });
    await waiting; // the write has met the lock

    const health = await request(app).get('/healthz');
    expect([health.status, health.text]).toEqual([200, 'ok']);
    const page = await konsulent.agent.get('/people');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Hanne M. Petersen');
    expect(written).toBe(false);
    expect(await db.selectFrom('organisations').select('id').where('name', '=', ORGANISATION.name).executeTakeFirst()).toBeUndefined();

    await lock.release();
    const res = await write;
    expect(res.status).toBe(303);
    expect(await db.selectFrom('organisations').select('id').where('name', '=', ORGANISATION.name).executeTakeFirst()).toBeDefined();
    expect(lockWaits).toBeGreaterThan(0);
    await db.destroy();
  });

  it('gives up after the wait with a Danish page (503), saving nothing, and the server stays usable', async () => {
    const { file, db, app } = await appOnFile({ lockWaitMs: 0 });
    const konsulent = await signedIn(app, db, 'konsulent');
    const lock = await holdWriteLock(file);

    const res = await konsulent.post('/organisations', ORGANISATION);
    expect(res.status).toBe(503);
    expect(res.text).toContain('Databasen er optaget af et andet job');
    expect(res.headers['retry-after']).toBeDefined();
    expect((await request(app).get('/healthz')).status).toBe(200);

    await lock.release();
    expect((await konsulent.post('/organisations', ORGANISATION)).status).toBe(303);
    const rows = await db.selectFrom('organisations').select('id').where('name', '=', ORGANISATION.name).execute();
    expect(rows).toHaveLength(1);
    await db.destroy();
  });
});
