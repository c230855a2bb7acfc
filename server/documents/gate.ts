// Laying out a very large document takes tens of megabytes for a few seconds. The server's heap is
// kept small on purpose (package.json "config.serverNodeOptions"), so such work takes turns.

/** Runs at most `capacity` tasks at once; the others wait their turn, first come first served. */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** Documents above LARGE_DOCUMENT_CHARACTERS are laid out one at a time, process-wide. */
export const largeDocuments = new Gate(1);
export const LARGE_DOCUMENT_CHARACTERS = 400_000;
