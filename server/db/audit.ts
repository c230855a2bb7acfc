// Writes the audit trail. Called inside the same transaction as the change it records.
import { noteLocalWrite } from './data-version';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface Actor {
  userId: number | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null };

export interface AuditRecord {
  actor: Actor;
  at: Date;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Secrets never reach the audit log, even when a whole row is recorded. */
const HIDDEN_FIELDS = new Set(['password_hash', 'calendar_token', 'totp_secret_sealed', 'client_secret_sealed', 'code_hash']);

function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (HIDDEN_FIELDS.has(key) ? '[skjult]' : v));
}

export async function audit(trx: Kysely<Database>, r: AuditRecord): Promise<void> {
  noteLocalWrite();
  await trx
    .insertInto('audit_log')
    .values({
      at: r.at.toISOString(),
      user_id: r.actor.userId,
      action: r.action,
      entity: r.entity,
      entity_id: String(r.entityId),
      before: snapshot(r.before),
      after: snapshot(r.after),
    })
    .execute();
}
