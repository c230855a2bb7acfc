// Five bilag of the largest size upload at once, then download at once, on the real server
// started as `npm start` starts it (same heap limits): every file comes back byte for byte and
// the server's peak resident memory stays under the SPEC's 250 MB, because neither direction
// holds a whole file in memory (1 MB rows in, one row at a time out).
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAccount } from '../../server/accounts/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { seedPartnership } from '../../seeds/partnership';
import { startProductionServer, signInWithPassword, type ProductionServer, peakRssMb } from '../helpers/production-server';
import { aMeeting } from '../helpers/factories';
import { multipart } from './multipart';
import { largePdf } from './files';

const PASSWORD = 'korrekt-hest-batteri';
const RSS_LIMIT_MB = 250;
const FILE_BYTES = 25 * 1024 * 1024; // the default UPLOAD_MAX_MB, to the byte
const FILES = 5;

const sha256 = (b: Buffer | ArrayBuffer) => crypto.createHash('sha256').update(Buffer.from(b as ArrayBuffer)).digest('hex');

describe('five 25 MB bilag at once', () => {
  let dir: string;
  let child: ChildProcess;
  let base: string;
  let meetingId: number;
  let server: ProductionServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-bilag-'));
    const file = path.join(dir, 'uldum.sqlite');
    const { db } = openDatabase(file);
    await migrateToLatest(db);
    const at = new Date('2026-06-01T10:00:00Z');
    await seedPartnership(db, at);
    meetingId = await aMeeting(db, { title: 'Møde med store bilag' });
    await createAccount(db, { email: 'konsulent@test.dk', password: PASSWORD, role: 'konsulent', personId: null, name: 'Konsulent', organisationId: null }, SYSTEM_ACTOR, at);
    await db.destroy();
    server = await startProductionServer(file);
    ({ child, base } = server);
  }, 300_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const cookie = await signInWithPassword(base, 'konsulent@test.dk', PASSWORD);
    const form = await (await fetch(`${base}/meetings/${meetingId}/bilag/new`, { headers: { cookie } })).text();
    const csrf = /action="\/meetings\/\d+\/bilag\?_csrf=([^"]+)"/.exec(form)![1];
    return { cookie, csrf: decodeURIComponent(csrf) };
  }

  it('uploads and downloads them byte for byte within 250 MB', async () => {
    try {
      await fiveAtOnce();
    } catch (err) {
      // The server's own account (a refusal, a crash) is what tells why an upload broke off.
      console.log(`server log (last 4000 characters):\n${server.output().slice(-4000)}`);
      throw err;
    }
  }, 600_000);

  async function fiveAtOnce() {
    const { cookie, csrf } = await signIn();
    const atStart = peakRssMb(child.pid!);
    const contents = Array.from({ length: FILES }, () => largePdf(FILE_BYTES));
    const hashes = contents.map(sha256);

    const uploads = await Promise.all(
      contents.map((bytes, i) => {
        const { body, contentType } = multipart([{ field: 'agenda_item_id', value: '' }, { file: 'filer', name: `stort-bilag-${i + 1}.pdf`, bytes }]);
        return fetch(`${base}/meetings/${meetingId}/bilag?_csrf=${encodeURIComponent(csrf)}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': contentType }, body: new Uint8Array(body) });
      }),
    );
    expect(uploads.map((r) => r.status)).toEqual(Array(FILES).fill(303));
    const afterUpload = peakRssMb(child.pid!);

    const page = await (await fetch(`${base}/meetings/${meetingId}`, { headers: { cookie } })).text();
    const ids = [...page.matchAll(/href="\/bilag\/(\d+)" download>stort-bilag-(\d)</g)].map((m) => ({ id: m[1], n: Number(m[2]) }));
    expect(ids).toHaveLength(FILES);
    const downloads = await Promise.all(
      ids.map(async ({ id, n }) => {
        const res = await fetch(`${base}/bilag/${id}`, { headers: { cookie } });
        return { n, status: res.status, hash: sha256(await res.arrayBuffer()) };
      }),
    );
    expect(downloads.map((d) => [d.status, d.hash])).toEqual(downloads.map((d) => [200, hashes[d.n - 1]]));

    expect(await fetch(`${base}/healthz`).then((r) => r.status)).toBe(200);
    const peak = peakRssMb(child.pid!);
    console.log(`five ${FILE_BYTES / 1024 / 1024} MB bilag: peak RSS ${atStart.toFixed(0)} MB before, ${afterUpload.toFixed(0)} MB after the uploads, ${peak.toFixed(0)} MB after the downloads`);
    expect(peak).toBeLessThan(RSS_LIMIT_MB);
  }
});
