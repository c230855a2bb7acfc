// The audit rule catches what it should: a write without its audit row fails, with one it passes,
// a rolled-back write is nothing, and set-up may opt out explicitly.
import { audit, SYSTEM_ACTOR } from '../../server/db/audit';
import { freshDb } from '../helpers/app';
import { violations, withoutAuditRule, NOT_AUDITED } from '../helpers/audit-rule';

const AT = new Date('2026-11-24T10:00:00Z');

describe('the audit rule in tests', () => {
  afterEach(() => violations.splice(0));

  it('fails a transaction that writes a domain table without an audit row', async () => {
    const { db } = await freshDb();
    await expect(db.transaction().execute((trx) => trx.updateTable('organisations').set({ description: 'uden spor' }).execute())).rejects.toThrow(/A write to organisations without an audit row/);
    expect(violations).toHaveLength(1);
    const descriptions = await db.selectFrom('organisations').select('description').execute();
    expect(descriptions.map((d) => d.description)).not.toContain('uden spor'); // rolled back, not kept
  });

  it('fails a single statement outside a transaction too', async () => {
    const { db } = await freshDb();
    await expect(db.deleteFrom('focus_aspects').where('key', '=', 'tillid').execute()).rejects.toThrow(/focus_aspects/);
  });

  it('passes a write with its audit row, a rollback, the excluded tables and explicit set-up', async () => {
    const { db } = await freshDb();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('organisations').set({ description: 'med spor' }).execute();
      await audit(trx, { actor: SYSTEM_ACTOR, at: AT, action: 'update', entity: 'organisation', entityId: 1 });
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('organisations').set({ description: 'fortrudt' }).execute();
        throw new Error('fortryd');
      }),
    ).rejects.toThrow('fortryd');
    await db.updateTable('users').set({ last_login_at: AT.toISOString() }).execute();
    await db.insertInto('failures').values({ key: 'login:pair:x@test.dk|203.0.113.7', at: AT.toISOString() }).execute();
    await withoutAuditRule(db, () => db.updateTable('roles').set({ description: 'sat op af testen' }).where('key', '=', 'medbygger').execute());
    expect(violations).toEqual([]);
    expect(Object.keys(NOT_AUDITED)).toEqual(['audit_log', 'sessions', 'app_settings', 'users.last_login_at', 'users.totp_last_step', 'attachment_chunks', 'api_tokens.last_used_at', 'failures',
      ...['status', 'attempts', 'next_attempt_at', 'first_attempt_at', 'claimed_at', 'last_error', 'sent_at', 'message_id'].map((c) => `outbox.${c}`),
    ]);
  });
});
