// The rule the server's caches rest on, enforced in every test: a transaction (or a single
// statement outside one) that writes to a domain table also writes an audit-log row. Temporary
// SQLite triggers report each write to JavaScript; when a transaction ends, a write without its
// audit row fails the statement that committed it, and the test (see audit-rule-setup.ts).
import type SQLite from 'better-sqlite3';

/** Tables (or `table.column`) written without an audit row on purpose, and why. */
export const NOT_AUDITED: Record<string, string> = {
  audit_log: 'the audit log itself',
  sessions: 'sign-in sessions: written on every request, not data anyone edits',
  app_settings: 'installation settings, written once by a migration',
  'users.last_login_at': 'bookkeeping of the last sign-in, not an edit; no remembered page shows it',
  'users.totp_last_step': "bookkeeping of the last one-time code accepted (so it cannot be used again), written at each sign-in like last_login_at",
  attachment_chunks: "a bilag's bytes, written as an upload streams in; nothing shows them until the audited transaction that adds the bilag publishes them",
  'api_tokens.last_used_at': 'bookkeeping of when an open-data token was last used, written on every API request like last_login_at',
  failures: 'failed sign-ins, codes and reset requests counted for the rate limits (server/web/rate-limit.ts): bookkeeping, not data anyone edits',
  // A message is queued in the audited transaction of the change that caused it (or of Send igen);
  // the mail worker's delivery bookkeeping afterwards is like last_login_at, not an edit.
  ...Object.fromEntries(
    ['status', 'attempts', 'next_attempt_at', 'first_attempt_at', 'claimed_at', 'last_error', 'sent_at', 'message_id'].map((c) => [
      `outbox.${c}`,
      "the mail worker's delivery bookkeeping (claimed, sent, tried again, failed); the message itself is queued in an audited transaction",
    ]),
  ),
};

/** The columns of `table` an update must be audited for (all but those excluded above). */
function auditedColumns(raw: SQLite.Database, table: string): string[] | null {
  const excluded = Object.keys(NOT_AUDITED).filter((k) => k.startsWith(`${table}.`)).map((k) => k.slice(table.length + 1));
  if (!excluded.length) return null;
  const columns = (raw.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => !excluded.includes(c));
  return columns;
}

/** Derived or internal tables: the search index (kept by triggers), SQLite's and the migrator's. */
const INTERNAL = /^(search_index|sqlite_|kysely_)/;

interface RuleState {
  written: Set<string>;
  audited: boolean;
  suspended: number;
}

const states = new WeakMap<object, RuleState>();
/** Writes that broke the rule in the current test, reported by audit-rule-setup.ts. */
export const violations: string[] = [];

/** Installs the triggers on `raw` and returns it wrapped, so every statement is followed by the check. */
export function withAuditRule(raw: SQLite.Database): SQLite.Database {
  const state: RuleState = { written: new Set(), audited: false, suspended: 0 };
  raw.function('audit_rule_write', (table: unknown) => {
    state.written.add(String(table));
    return null;
  });
  raw.function('audit_rule_audited', () => {
    state.audited = true;
    return null;
  });
  const tables = raw
    .prepare("select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL%'")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    if (INTERNAL.test(table) || (table in NOT_AUDITED && table !== 'audit_log')) continue;
    const columns = auditedColumns(raw, table);
    for (const event of ['insert', 'update', 'delete']) {
      const body = table === 'audit_log' ? 'select audit_rule_audited();' : `select audit_rule_write('${table}');`;
      const on = event === 'update' && columns ? `update of ${columns.map((c) => `"${c}"`).join(', ')}` : event;
      raw.exec(`create temp trigger "audit_rule_${table}_${event}" after ${on} on main."${table}" begin ${body} end`);
    }
  }

  /** Ends a unit of work (a transaction, or a statement outside one): its writes need an audit row. */
  const settle = (sql: string) => {
    const written = [...state.written];
    const audited = state.audited;
    state.written.clear();
    state.audited = false;
    if (written.length === 0 || audited || state.suspended > 0) return;
    const message = `A write to ${written.join(', ')} without an audit row in the same transaction (last statement: ${sql.slice(0, 120)})`;
    violations.push(message);
    throw new Error(message);
  };

  const run = (sql: string, execute: () => unknown) => {
    if (/^\s*rollback/i.test(sql)) {
      state.written.clear();
      state.audited = false;
      return execute();
    }
    // Checked before COMMIT, so a transaction that breaks the rule is rolled back, not kept.
    if (/^\s*commit/i.test(sql)) settle(sql);
    const result = execute();
    if (!raw.inTransaction) settle(sql);
    return result;
  };

  const wrapStatement = (statement: SQLite.Statement, sql: string) =>
    new Proxy(statement, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, target);
        if (prop === 'run' || prop === 'all' || prop === 'get') {
          return (...args: unknown[]) => run(sql, () => (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        return typeof value === 'function' ? value.bind(target) : value;
        void receiver;
      },
    });

  const wrapped = new Proxy(raw, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql);
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  states.set(wrapped, state);
  states.set(raw, state);
  return wrapped;
}

/**
 * Runs test set-up that writes rows directly (no service, so no audit row): the rule is off
 * meanwhile. `handle` is the database the test got from freshDb/testApp (its `db` or `raw`).
 */
export async function withoutAuditRule<T>(handle: object, work: () => Promise<T> | T): Promise<T> {
  const state = states.get(handle) ?? states.get((handle as { raw?: object }).raw ?? {});
  if (!state) return work();
  state.suspended++;
  try {
    return await work();
  } finally {
    state.suspended--;
  }
}

/** Registers the Kysely instance so withoutAuditRule(db, …) finds its rule. */
export function registerAuditRuleHandle(handle: object, raw: SQLite.Database): void {
  const state = states.get(raw);
  if (state) states.set(handle, state);
}
