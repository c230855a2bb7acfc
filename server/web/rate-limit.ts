// Counts failed attempts per key (an IP address, an e-mail) in a sliding window, in memory.
// Enough for one server process; a restart forgets the counts, which only helps the user.

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  private recent(key: string): number[] {
    const since = this.now().getTime() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  isBlocked(...keys: string[]): boolean {
    return keys.some((k) => this.recent(k).length >= this.maxFailures);
  }

  recordFailure(...keys: string[]): void {
    if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under a flood
    for (const k of keys) this.failures.set(k, [...this.recent(k), this.now().getTime()]);
  }

  reset(...keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
