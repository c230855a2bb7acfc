// Counts failures per key (an address, an account, a pair of both) in a sliding window, in memory.
// Enough for one server process; a restart forgets the counts, which only helps the user.

export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => Date,
    /** Only this many recent failures are kept per key: no rule needs to count further. */
    private readonly keepPerKey = 100,
    /** Beyond this many keys the least recently failing are forgotten: bounded memory under a flood. */
    private readonly maxKeys = 50_000,
  ) {}

  private recent(key: string): number[] {
    const since = this.now().getTime() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (!list.length) this.failures.delete(key);
    return list;
  }

  /** Failures for the key within the window. */
  count(key: string): number {
    return this.recent(key).length;
  }

  record(...keys: string[]): void {
    const at = this.now().getTime();
    for (const key of keys) {
      const list = [...this.recent(key), at].slice(-this.keepPerKey);
      this.failures.delete(key); // re-inserted last: the Map's order is least recently failing first
      this.failures.set(key, list);
    }
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(...keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
