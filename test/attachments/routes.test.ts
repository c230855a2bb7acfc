// Bilag through HTTP: the konsulent adds files to an item or the meeting (several at once, with
// titles), everyone signed in downloads them with safe headers, the konsulent removes one after a
// confirmation; refusals are 422 with a Danish message and nothing stored in any bilag table;
// other roles get 403, unknown ids 404, a missing CSRF token 403, a locked meeting no changes.
import { testApp, type TestApp } from '../helpers/app';
import { signedIn, type SignedIn } from '../helpers/agent';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, aMeetingAwaitingApproval, anAgendaItem } from '../helpers/factories';
import { flashes, unescapeHtml } from '../helpers/html';
import { field, file, postMultipart, type Part } from './multipart';
import * as files from './files';

let t: TestApp;
let konsulent: SignedIn;
let meetingId: number;
let itemId: number;

beforeEach(async () => {
  t = await testApp();
  konsulent = await signedIn(t.app, t.db, 'konsulent');
  meetingId = await aMeeting(t.db, { title: 'Partnerskabsmøde december' });
  itemId = await anAgendaItem(t.db, meetingId, { title: 'Budget' });
});

async function stored() {
  return [await countRows(t.db, 'attachments'), await countRows(t.db, 'attachment_contents'), await countRows(t.db, 'attachment_chunks')];
}

const upload = (parts: Part[], who: SignedIn = konsulent, csrf: string | null = who.csrf) => postMultipart(who.agent, `/meetings/${meetingId}/bilag`, parts, csrf);

describe('adding bilag', () => {
  it('adds several files at once to an item, with titles, audited, listed under the item with type and size', async () => {
    const budget = files.pdf('Budget 2027');
    const res = await upload([field('agenda_item_id', String(itemId)), file('budget.pdf', budget, 'application/pdf'), file('plan.docx', await files.docx()), field('titler', 'Budget 2027\n')]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meetingId}#punkt-${itemId}`);
    const rows = await t.db.selectFrom('attachments').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.meeting_id, r.agenda_item_id, r.title, r.file_name, r.mime, r.size, r.public, r.created_by])).toEqual([
      [meetingId, itemId, 'Budget 2027', 'budget.pdf', 'application/pdf', budget.length, 1, konsulent.userId],
      [meetingId, itemId, 'plan', 'plan.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', rows[1].size, 1, konsulent.userId],
    ]);
    expect((await auditOf(t.db, 'attachment')).map((a) => [a.action, a.user_id])).toEqual([['create', konsulent.userId], ['create', konsulent.userId]]);

    const page = await konsulent.agent.get(`/meetings/${meetingId}`);
    expect(flashes(page.text)).toContain('2 bilag er tilføjet.');
    const item = unescapeHtml(page.text.slice(page.text.indexOf(`id="punkt-${itemId}"`)));
    expect(item.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toMatch(
      new RegExp(`Bilag Budget 2027 \\(PDF, ${budget.length} byte\\) Fjern bilaget Budget 2027 Marker som ikke offentlig \\(bilaget Budget 2027\\) plan \\(Word, \\d+ byte\\) Fjern bilaget plan`),
    );
  });

  it('gives each file the title in its place, also when a large first file is stored after a small second one', async () => {
    // Each file is stored as it streams in; with a pool of connections (PostgreSQL) the small one can finish first.
    const large = Buffer.from('Stor fil med mange linjer.\n'.repeat(150_000)); // 4 MB: several 1 MB chunks
    const res = await upload([file('stor.txt', large, 'text/plain'), file('lille.txt', files.text(), 'text/plain'), field('titler', 'Den store\nDen lille')]);
    expect(res.status).toBe(303);
    const rows = await t.db.selectFrom('attachments').select(['title', 'file_name', 'size']).orderBy('id').execute();
    expect(rows).toEqual([
      { title: 'Den store', file_name: 'stor.txt', size: large.length },
      { title: 'Den lille', file_name: 'lille.txt', size: files.text().length },
    ]);
  });

  it('adds a file to the meeting as a whole from the form on the meeting page; the title defaults to the file name', async () => {
    const page = await konsulent.agent.get(`/meetings/${meetingId}`);
    expect(page.text).toContain(`action="/meetings/${meetingId}/bilag?_csrf=`);
    expect(page.text).toContain('enctype="multipart/form-data"');
    const res = await upload([field('agenda_item_id', ''), file('Referat æøå.txt', files.text()), field('titler', '')]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meetingId}#bilag`);
    const row = await t.db.selectFrom('attachments').selectAll().executeTakeFirstOrThrow();
    expect([row.agenda_item_id, row.title, row.mime]).toEqual([null, 'Referat æøå', 'text/plain; charset=utf-8']);
    const after = await konsulent.agent.get(`/meetings/${meetingId}`);
    const section = after.text.slice(after.text.indexOf('id="bilag"'));
    expect(unescapeHtml(section)).toContain(`Referat æøå</a> <span class="muted">(Tekst, ${files.text().length} byte)</span>`);
  });

  it('shows the upload page with the item chosen, its limits and the accepted kinds', async () => {
    const res = await konsulent.agent.get(`/meetings/${meetingId}/bilag/new?punkt=${itemId}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(new RegExp(`<option value="${itemId}" selected>2\\. Budget</option>`));
    expect(unescapeHtml(res.text)).toContain('Højst 10 filer ad gangen og 25 MB pr. fil: PDF, Word (.docx)');
  });

  it('stores the same file once, however often it is added', async () => {
    const bytes = files.largePdf(1.5 * 1024 * 1024);
    expect((await upload([file('a.pdf', bytes)])).status).toBe(303);
    expect((await upload([field('agenda_item_id', String(itemId)), file('b.pdf', bytes)])).status).toBe(303);
    expect(await stored()).toEqual([2, 1, 2]);
  });
});

describe('downloading a bilag', () => {
  it('streams the stored bytes with the stored type, as an attachment named in UTF-8, sniffing and scripts off, privately cached', async () => {
    const bytes = files.largePdf(2.2 * 1024 * 1024);
    await upload([file('Budget æøå 2027.pdf', bytes)]);
    const { id } = await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
    const laeser = await signedIn(t.app, t.db, 'laeser');
    const res = await laeser.agent.get(`/bilag/${id}`).buffer(true).parse((r, done) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => done(null, Buffer.concat(parts)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Budget aeoeaa 2027.pdf"; filename*=UTF-8''Budget%20%C3%A6%C3%B8%C3%A5%202027.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['cache-control']).toMatch(/^private/);
    expect((res.body as Buffer).equals(bytes)).toBe(true);

    const again = await laeser.agent.get(`/bilag/${id}`).set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it('gives a file whose name does not fit its content the ending of what it is', async () => {
    await upload([file('regnskab.exe', files.pdf())]);
    const { id } = await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
    const res = await konsulent.agent.get(`/bilag/${id}`);
    expect(res.headers['content-disposition']).toContain('filename="regnskab.exe.pdf"');
  });

  it('is 404 for an unknown or malformed id, and asks a visitor to sign in', async () => {
    expect((await konsulent.agent.get('/bilag/999')).status).toBe(404);
    expect((await konsulent.agent.get('/bilag/01')).status).toBe(404);
    const { default: request } = await import('supertest');
    expect((await request(t.app).get('/bilag/1')).status).toBe(303);
  });
});

describe('removing a bilag', () => {
  it('asks first, then removes it and its content, audited', async () => {
    await upload([field('agenda_item_id', String(itemId)), file('budget.pdf', files.pdf())]);
    const { id } = await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
    const ask = await konsulent.agent.get(`/meetings/${meetingId}/bilag/${id}/delete`);
    expect(ask.status).toBe(200);
    expect(unescapeHtml(ask.text)).toContain('Vil du fjerne bilaget "budget"?');
    const res = await konsulent.post(`/meetings/${meetingId}/bilag/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meetingId}#punkt-${itemId}`);
    expect(await stored()).toEqual([0, 0, 0]);
    expect((await auditOf(t.db, 'attachment', id)).map((a) => a.action)).toEqual(['create', 'delete']);
    expect((await konsulent.agent.get(`/bilag/${id}`)).status).toBe(404);
  });

  it('is 404 for a bilag of another meeting or an unknown one', async () => {
    await upload([file('budget.pdf', files.pdf())]);
    const { id } = await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
    const other = await aMeeting(t.db);
    expect((await konsulent.agent.get(`/meetings/${other}/bilag/${id}/delete`)).status).toBe(404);
    expect((await konsulent.post(`/meetings/${other}/bilag/${id}/delete`)).status).toBe(404);
    expect((await konsulent.post(`/meetings/${meetingId}/bilag/9999/delete`)).status).toBe(404);
    expect(await stored()).toEqual([1, 1, 1]);
  });
});

describe('a meeting whose minutes are sent or approved', () => {
  it('takes no new bilag and keeps the ones it has', async () => {
    const locked = await aMeetingAwaitingApproval(t.db);
    meetingId = locked;
    const page = await konsulent.agent.get(`/meetings/${locked}`);
    expect(page.text).not.toContain('Tilføj bilag');
    const res = await upload([file('budget.pdf', files.pdf())]);
    expect(res.status).toBe(303);
    expect(flashes((await konsulent.agent.get(res.headers.location)).text).join(' ')).toContain('låst');
    expect(await stored()).toEqual([0, 0, 0]);
    expect((await konsulent.agent.get(`/meetings/${locked}/bilag/new`)).status).toBe(303);
  });

  it('refuses to remove a bilag once the minutes are sent', async () => {
    await upload([file('budget.pdf', files.pdf())]);
    const { id } = await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
    const { markHeld } = await import('../../server/meetings/service');
    const { sendForApproval } = await import('../../server/meetings/minutes');
    await markHeld(t.db, meetingId, { userId: null }, new Date('2026-12-09T10:00:00Z'));
    await sendForApproval(t.db, meetingId, { userId: null }, new Date('2026-12-09T10:00:00Z'));
    const res = await konsulent.post(`/meetings/${meetingId}/bilag/${id}/delete`);
    expect(res.status).toBe(303);
    expect(await stored()).toEqual([1, 1, 1]);
    expect((await konsulent.agent.get(`/bilag/${id}`)).status).toBe(200);
  });
});

describe('who may add and remove', () => {
  it.each(['repraesentant', 'laeser'] as const)('a %s may not add or remove bilag (403), nothing stored', async (role) => {
    const other = await signedIn(t.app, t.db, role);
    expect((await other.agent.get(`/meetings/${meetingId}/bilag/new`)).status).toBe(403);
    expect((await upload([file('budget.pdf', files.pdf())], other)).status).toBe(403);
    expect(await stored()).toEqual([0, 0, 0]);
    await upload([file('budget.pdf', files.pdf())]);
    const { id } = await t.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
    expect((await other.post(`/meetings/${meetingId}/bilag/${id}/delete`)).status).toBe(403);
    expect((await other.agent.get(`/bilag/${id}`)).status).toBe(200); // reading is the meeting's right
    expect(await stored()).toEqual([1, 1, 1]);
    const page = await other.agent.get(`/meetings/${meetingId}`);
    expect(page.text).not.toContain('Tilføj bilag');
    expect(page.text).toContain(`href="/bilag/${id}"`);
  });

  it('is 404 for an unknown meeting or an item of another meeting, nothing stored', async () => {
    expect((await postMultipart(konsulent.agent, '/meetings/999/bilag', [file('a.pdf', files.pdf())], konsulent.csrf)).status).toBe(404);
    const otherItem = await anAgendaItem(t.db, await aMeeting(t.db));
    expect((await upload([field('agenda_item_id', String(otherItem)), file('a.pdf', files.pdf())])).status).toBe(404);
    expect((await konsulent.agent.get('/meetings/999/bilag/new')).status).toBe(404);
    expect(await stored()).toEqual([0, 0, 0]);
  });

  it('needs the CSRF token: missing or wrong is 403 and nothing is stored', async () => {
    expect((await upload([file('a.pdf', files.pdf())], konsulent, null)).status).toBe(403);
    expect((await upload([file('a.pdf', files.pdf())], konsulent, 'forkert')).status).toBe(403);
    // a token in the body of a multipart form is not read before the files
    expect((await upload([field('_csrf', konsulent.csrf), file('a.pdf', files.pdf())], konsulent, null)).status).toBe(403);
    expect(await stored()).toEqual([0, 0, 0]);
  });
});

describe('uploads that are refused: 422, a Danish message, nothing stored, the server answers on', () => {
  const bad = (name: string) => ({ name, bytes: files.pdf() });
  const cases: Array<[string, () => Promise<Part[]> | Part[], RegExp]> = [
    ['a renamed Linux program', () => [file('rapport.pdf', files.elf(), 'application/pdf')], /"rapport\.pdf" er et program/],
    ['a renamed Windows program', () => [file('rapport.docx', files.exe())], /"rapport\.docx" er et program/],
    ['an HTML page', () => [file('side.html', files.html(), 'text/html')], /webside/],
    ['an HTML page renamed .txt', () => [file('side.txt', files.html(), 'text/plain')], /webside/],
    ['an SVG drawing', () => [file('logo.svg', files.svg(), 'image/svg+xml')], /webside eller et tegneformat/],
    ['a zip bomb dressed as Word', async () => [file('bombe.docx', await files.zipBomb())], /zip-bombe/],
    ['a zip archive', async () => [file('arkiv.zip', await files.plainZip())], /zip-arkiv/],
    ['an empty file', () => [file('tom.pdf', Buffer.alloc(0))], /"tom\.pdf" er tom/],
    ['26 MB', () => [file('stor.pdf', files.largePdf(26 * 1024 * 1024))], /"stor\.pdf" er større end 25 MB/],
    ['100 files at once', () => Array.from({ length: 100 }, (_, i) => file(`fil${i}.pdf`, files.pdf(`fil ${i}`))), /højst sende 10 filer ad gangen/],
    ['a name with a slash', () => [file('../../etc/budget.pdf', bad('x').bytes)], /Filnavnet ".*" kan ikke bruges/],
    ['a name with a backslash', () => [file('C:\\Users\\hanne\\budget.pdf', bad('x').bytes)], /kan ikke bruges/],
    ['a name with NUL', () => [file('budget\u0000.exe.pdf', bad('x').bytes)], /kan ikke bruges/],
    ['a name of 300 characters', () => [file(`${'b'.repeat(296)}.pdf`, bad('x').bytes)], /højst have 255 tegn/],
    ['no file chosen', () => [field('agenda_item_id', ''), { file: 'filer', name: '', bytes: Buffer.alloc(0) }], /Vælg mindst én fil/],
    ['one good file and one bad', () => [file('budget.pdf', files.pdf()), file('side.html', files.html())], /webside/],
    ['more titles than files', () => [file('budget.pdf', files.pdf()), field('titler', 'En\nTo')], /2 titler, men kun én fil/],
    ['a form without the files', () => [field('titler', 'Budget')], /Vælg mindst én fil/],
  ];

  it.each(cases)('%s', async (_what, parts, message) => {
    const res = await upload(await parts());
    expect(res.status).toBe(422);
    expect(unescapeHtml(res.text)).toMatch(message);
    expect(res.text).toContain('enctype="multipart/form-data"'); // the form again
    expect(await stored()).toEqual([0, 0, 0]);
    expect((await konsulent.agent.get(`/meetings/${meetingId}`)).status).toBe(200);
  });

  it('keeps the chosen item and the titles in the form it shows again', async () => {
    const res = await upload([field('agenda_item_id', String(itemId)), file('side.html', files.html()), field('titler', 'Min side')]);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(new RegExp(`<option value="${itemId}" selected>`));
    expect(res.text).toContain('>Min side</textarea>');
  });

  it('stores nothing when the connection drops half-way through a file, and answers on', async () => {
    const server = t.app.listen(0);
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const { body, contentType } = (await import('./multipart')).multipart([file('stor.pdf', files.largePdf(3 * 1024 * 1024))]);
      const { CookieAccessInfo } = require('cookiejar') as { CookieAccessInfo: { All: unknown } };
      const jar = (konsulent.agent as unknown as { jar: { getCookies(info: unknown): { toValueString(): string } } }).jar;
      const cookie = jar.getCookies(CookieAccessInfo.All).toValueString();
      const req = (require('node:http') as typeof import('node:http')).request({
        port,
        method: 'POST',
        path: `/meetings/${meetingId}/bilag?_csrf=${encodeURIComponent(konsulent.csrf)}`,
        headers: { 'content-type': contentType, 'content-length': body.length, cookie },
      });
      const closed = new Promise<void>((resolve) => {
        req.on('error', () => resolve());
        req.on('close', () => resolve());
      });
      req.write(body.subarray(0, 2 * 1024 * 1024 + 100));
      // cut the connection once the server has stored part of the file
      for (let i = 0; i < 500 && (await countRows(t.db, 'attachment_chunks')) === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await countRows(t.db, 'attachment_chunks')).toBeGreaterThan(0);
      req.destroy();
      await closed;
      // the server finishes the cut-off request on its own time: wait for it to have cleaned up
      for (let i = 0; i < 200 && (await countRows(t.db, 'attachment_chunks')) > 0; i++) await new Promise((r) => setImmediate(r));
      for (let i = 0; i < 100 && (await countRows(t.db, 'attachment_chunks')) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await stored()).toEqual([0, 0, 0]);
      expect((await konsulent.agent.get(`/meetings/${meetingId}`)).status).toBe(200);
      expect(t.logged).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('refuses a form that says it is far larger than the limits allow, without reading it', async () => {
    const res = await konsulent.agent
      .post(`/meetings/${meetingId}/bilag?_csrf=${encodeURIComponent(konsulent.csrf)}`)
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .set('Content-Length', String(2 * 1024 * 1024 * 1024))
      .send(Buffer.from('--x--\r\n'))
      .catch((err: { response?: { status: number; text: string } }) => err.response);
    if (res) {
      expect(res.status).toBe(422);
      expect(unescapeHtml(res.text)).toContain('Indsendelsen er for stor');
    }
    expect(await stored()).toEqual([0, 0, 0]);
  });
});
