// Counts failures per key (an address, an account, a pair of both) in a sliding window, in the
// database (table failures, migrations/0020): every app instance over the same database sees the
// same counts. Times are ISO-8601 text in UTC, so the window is a text comparison on any database.
import type { Db } from '../db/database';

/** No counter counts further back than this, so older rows serve no rule (see prune). */
export const LONGEST_WINDOW_MS = 60 * 60 * 1000;
/** Every this many records a counter deletes every counter's rows older than LONGEST_WINDOW_MS. */
const PRUNE_EVERY = 100;

export class FailureCounter {
  private recorded = 0;

  constructor(
    private readonly db: Db,
    /** The counter's name: its keys are its own in the shared table. */
    private readonly name: string,
    private readonly windowMs: number,
    private readonly now: () => Date,
    /** Only this many recent failures are kept per key: no rule needs to count further. */
    private readonly keepPerKey = 100,
  ) {
    if (windowMs > LONGEST_WINDOW_MS) throw new Error(`A failure window longer than ${LONGEST_WINDOW_MS} ms would be pruned early`);
  }

  private stored(key: string): string {
    return `${this.name}:${key}`;
  }

  private since(windowMs = this.windowMs): string {
    return new Date(this.now().getTime() - windowMs).toISOString();
  }

  /** Failures for the key within the window. */
  async count(key: string): Promise<number> {
    const row = await this.db
      .selectFrom('failures')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('key', '=', this.stored(key))
      .where('at', '>', this.since())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async record(...keys: string[]): Promise<void> {
    const at = this.now().toISOString();
    const since = this.since();
    await this.db.transaction().execute(async (trx) => {
      for (const key of keys.map((k) => this.stored(k))) {
        await trx.deleteFrom('failures').where('key', '=', key).where('at', '<=', since).execute();
        await trx.insertInto('failures').values({ key, at }).execute();
        // The newest keepPerKey stay; older ones would not change any rule's answer.
        await trx
          .deleteFrom('failures')
          .where('key', '=', key)
          .where('id', 'not in', (eb) =>
            eb.selectFrom('failures').select('id').where('key', '=', key).orderBy('at', 'desc').orderBy('id', 'desc').limit(this.keepPerKey),
          )
          .execute();
      }
    });
    if (++this.recorded % PRUNE_EVERY === 0) await this.prune();
  }

  async reset(...keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.db.deleteFrom('failures').where('key', 'in', keys.map((k) => this.stored(k))).execute();
  }

  /** Deletes the rows no counter counts any more (of keys that stopped failing, too). */
  async prune(): Promise<void> {
    await this.db.deleteFrom('failures').where('at', '<=', this.since(LONGEST_WINDOW_MS)).execute();
  }
}
