// Delivers the outbox: claims each due message (one UPDATE that only one worker can win), sends
// it, and marks it sent, or due again later (retry.ts), or failed. At most once per message: a
// message left 'sending' by a process that died may or may not have reached the server, so it is
// never sent again by itself; it is marked failed for an administrator to look at and resend.
import type { MailFrom } from '../config';
import type { Db } from '../db/database';
import type { Clock } from '../web/clock';
import { nextAttemptAt } from './retry';
import { describeError, isPermanent, newMessageId, STALE_CLAIM_MS, toSendMail, type MailTransport } from './transport';

export const ABANDONED = 'Afbrudt under afsendelse (serveren stoppede): måske leveret, måske ikke. Send igen, hvis modtageren ikke har fået den.';

export interface MailWorkerOptions {
  db: Db;
  clock: Clock;
  from: MailFrom;
  transport: MailTransport;
  log: (line: string) => void;
  /** How many due messages one run takes at most (the rest wait for the next run). */
  batch?: number;
}

export interface RunResult {
  sent: number;
  retried: number;
  failed: number;
  /** Found 'sending' from a process that died, marked failed unsent. */
  abandoned: number;
}

export interface MailWorker {
  /** One pass over the due messages; what the interval runs, and what tests call with their clock. */
  runDueOnce(): Promise<RunResult>;
  /** Runs now and then every `intervalMs`, one run at a time. */
  start(intervalMs?: number): void;
  /** Stops the interval and waits for a run in progress. */
  stop(): Promise<void>;
}

export function createMailWorker(opts: MailWorkerOptions): MailWorker {
  const { db, clock, from, transport, log } = opts;

  async function abandonStaleClaims(now: Date): Promise<number> {
    const result = await db
      .updateTable('outbox')
      .set({ status: 'failed', next_attempt_at: null, last_error: ABANDONED })
      .where('status', '=', 'sending')
      .where('claimed_at', '<', new Date(now.getTime() - STALE_CLAIM_MS).toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Takes the message for this worker; false when another worker (or run) has it. */
  async function claim(id: number, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = await db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'sending',
        claimed_at: at,
        attempts: eb('attempts', '+', 1),
        first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(at)),
        message_id: eb.fn.coalesce('message_id', eb.val(newMessageId(id, from))),
      }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function deliver(id: number, result: RunResult): Promise<void> {
    const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    try {
      await transport.send(toSendMail(row, from, clock.now()));
    } catch (err) {
      const now = clock.now();
      const next = isPermanent(err) ? null : nextAttemptAt(new Date(row.first_attempt_at ?? now), row.attempts, now);
      const lastError = describeError(err);
      await db
        .updateTable('outbox')
        .set({ status: next ? 'queued' : 'failed', next_attempt_at: next?.toISOString() ?? null, last_error: lastError })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
      if (next) result.retried++;
      else result.failed++;
      log(`E-mail ${id} (${row.kind}) blev ikke sendt, forsøg ${row.attempts}: ${lastError}. ${next ? `Prøver igen ${next.toISOString()}.` : 'Opgivet.'}`);
      return;
    }
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: clock.now().toISOString(), next_attempt_at: null, last_error: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
    result.sent++;
  }

  async function runDueOnce(): Promise<RunResult> {
    const now = clock.now();
    const result: RunResult = { sent: 0, retried: 0, failed: 0, abandoned: await abandonStaleClaims(now) };
    if (result.abandoned) log(`${result.abandoned} e-mail(s) var i gang med at blive sendt, da serveren stoppede: markeret som fejlet (se /admin/outbox).`);
    const due = await db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(opts.batch ?? 50)
      .execute();
    for (const { id } of due) {
      if (await claim(id, clock.now())) await deliver(id, result);
    }
    return result;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = runDueOnce()
      .catch((err) => log(`Udbakken: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        busy = false;
      });
  };

  return {
    runDueOnce,
    start(intervalMs = 15_000) {
      if (timer) return;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
