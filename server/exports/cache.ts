// Remembers the last rendered files. A document is keyed by a hash of everything it shows, so a
// cached file is served only while its content is exactly the same (approved minutes never
// change; a draft changes key with every edit). Bounded in entries and bytes.
import crypto from 'node:crypto';

const MAX_ENTRIES = 64;
const MAX_BYTES = 32 * 1024 * 1024;

export class RenderCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = MAX_ENTRIES,
    private readonly maxBytes = MAX_BYTES,
  ) {}

  static key(kind: string, content: unknown): string {
    return `${kind}:${crypto.createHash('sha256').update(JSON.stringify(content)).digest('base64url')}`;
  }

  /** The cached file for the key, or the rendered one (then kept, oldest dropped first). */
  async get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return hit;
    }
    const file = await render();
    if (file.length <= this.maxBytes / 4) {
      this.entries.set(key, file);
      this.bytes += file.length;
      for (const [k, v] of this.entries) {
        if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
        this.entries.delete(k);
        this.bytes -= v.length;
      }
    }
    return file;
  }
}
