// /admin/outbox: the administrator's view of every e-mail, one message, and Send igen.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { flashes } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';
import { message, outboxRow, queue } from './helpers';

async function withMessages() {
  const t = await testApp();
  const at = t.clock.now();
  const [sent, failed, queued] = await queue(
    t.db,
    message(at, { kind: 'password_reset', subject: 'Nulstil din adgangskode', to: { address: 'sendt@foa.example.dk', name: 'Søren Sendt' } }),
    message(at, {
      subject: 'Dagsorden til mødet',
      to: { address: 'fejl@foa.example.dk' },
      text: 'Dagsordenen er klar: https://uldum.example.dk/meetings/3',
      attachments: [{ filename: 'Dagsorden æ.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
    }),
    message(at, { subject: 'Venter i kø', to: { address: 'koe@foa.example.dk' } }),
  );
  await withoutAuditRule(t.db, async () => {
    await t.db.updateTable('outbox').set({ status: 'sent', attempts: 1, sent_at: at.toISOString() }).where('id', '=', sent!).execute();
    await t.db.updateTable('outbox').set({ status: 'failed', attempts: 1, last_error: '550 Mailbox unavailable' }).where('id', '=', failed!).execute();
  });
  return { t, sent: sent!, failed: failed!, queued: queued! };
}

describe('/admin/outbox', () => {
  it('lists the messages with status, recipient, subject, attempts and last error, filtered by status', async () => {
    const { t } = await withMessages();
    const admin = await signedIn(t.app, t.db, 'admin');
    const page = await admin.agent.get('/admin/outbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Udbakke</h1>');
    expect(page.text).toContain('E-mail er ikke sat op (SMTP_URL)');
    expect(page.text).toContain('Søren Sendt &lt;sendt@foa.example.dk&gt;');
    expect(page.text).toContain('Nulstil din adgangskode');
    expect(page.text).toContain('550 Mailbox unavailable');
    expect(page.text).toMatch(/<option value="failed">Fejlet \(1\)<\/option>/);
    expect(page.text).toContain('href="/admin/outbox"'); // in the administrator's menu

    const failedOnly = await admin.agent.get('/admin/outbox?status=failed');
    expect(failedOnly.text).toContain('Dagsorden til mødet');
    expect(failedOnly.text).not.toContain('Nulstil din adgangskode');
    expect(failedOnly.text).not.toContain('Venter i kø');
    // An unknown status is no filter, not an error.
    expect((await admin.agent.get('/admin/outbox?status=nonsens')).text).toContain('Venter i kø');
  });

  it('shows one message with its text and attachments', async () => {
    const { t, failed } = await withMessages();
    const admin = await signedIn(t.app, t.db, 'admin');
    const page = await admin.agent.get(`/admin/outbox/${failed}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dagsordenen er klar: https://uldum.example.dk/meetings/3');
    expect(page.text).toContain('550 Mailbox unavailable');
    expect(page.text).toContain(`<a href="/admin/outbox/${failed}/bilag/0">Dagsorden æ.ics</a> (text/calendar, 32 bytes)`);
    const file = await admin.agent.get(`/admin/outbox/${failed}/bilag/0`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/calendar/);
    expect(file.headers['content-disposition']).toBe("attachment; filename=\"Dagsorden _.ics\"; filename*=UTF-8''Dagsorden%20%C3%A6.ics");
    expect(file.text).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    expect((await admin.agent.get(`/admin/outbox/${failed}/bilag/1`)).status).toBe(404);
    expect((await admin.agent.get('/admin/outbox/9999')).status).toBe(404);
    expect((await admin.agent.get('/admin/outbox/abc')).status).toBe(404);
  });

  it('sends a message again as a new queued message, audited; never one still in the queue', async () => {
    const { t, failed, queued } = await withMessages();
    const admin = await signedIn(t.app, t.db, 'admin');
    expect((await admin.agent.post(`/admin/outbox/${failed}/resend`).type('form').send({})).status).toBe(403); // no CSRF token
    const res = await admin.post(`/admin/outbox/${failed}/resend`);
    expect(res.status).toBe(303);
    const again = await t.db.selectFrom('outbox').select('id').where('resent_from', '=', failed).executeTakeFirstOrThrow();
    expect(res.headers.location).toBe(`/admin/outbox/${again.id}`);
    expect(await outboxRow(t.db, again.id)).toMatchObject({ status: 'queued', attempts: 0, subject: 'Dagsorden til mødet', to_address: 'fejl@foa.example.dk', message_id: null, next_attempt_at: t.clock.now().toISOString() });
    expect(await outboxRow(t.db, failed)).toMatchObject({ status: 'failed' });
    const page = await admin.agent.get(res.headers.location);
    expect(flashes(page.text)).toEqual(['Beskeden er lagt i udbakken igen som en ny besked.']);
    expect(page.text).toContain(`<a href="/admin/outbox/${failed}">besked ${failed}</a>`);
    const logged = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'outbox').execute();
    expect(logged).toEqual([expect.objectContaining({ user_id: admin.userId, action: 'create', entity_id: String(again.id) })]);

    const refused = await admin.post(`/admin/outbox/${queued}/resend`);
    expect(refused.headers.location).toBe(`/admin/outbox/${queued}`);
    expect(flashes((await admin.agent.get(refused.headers.location)).text)).toEqual(['Beskeden er ikke færdig: den ligger allerede i kø til at blive sendt.']);
    expect(await t.db.selectFrom('outbox').select('id').where('resent_from', '=', queued).execute()).toEqual([]);
  });

  it.each(['konsulent', 'repraesentant', 'laeser'] as const)('is forbidden to a %s', async (role) => {
    const { t, failed } = await withMessages();
    const user = await signedIn(t.app, t.db, role);
    expect((await user.agent.get('/admin/outbox')).status).toBe(403);
    expect((await user.agent.get(`/admin/outbox/${failed}`)).status).toBe(403);
    expect((await user.agent.get(`/admin/outbox/${failed}/bilag/0`)).status).toBe(403);
    expect((await user.post(`/admin/outbox/${failed}/resend`)).status).toBe(403);
    expect(await t.db.selectFrom('outbox').select('id').where('resent_from', '=', failed).execute()).toEqual([]);
    expect((await user.agent.get('/')).text).not.toContain('href="/admin/outbox"');
  });
});
