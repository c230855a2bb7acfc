// Where a bilag's bytes live: rows of at most 1 MB in attachment_chunks under a chunk key, and a
// content row per SHA-256 that publishes a key once its upload is complete and accepted (so the
// same file twice is stored once). Written as the upload streams in and read back one row at a
// time, so neither an upload nor a download holds a whole file in memory. Plain Kysely: the BLOB
// rows work the same in PostgreSQL (bytea).
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

export const CHUNK_BYTES = 1024 * 1024;

/** An unfinished upload older than this is left over from a crash or a dropped connection. */
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** '<ISO time>~<random>': sorts by when the upload started, so stale ones are found by range. */
export function newChunkKey(at: Date): string {
  return `${at.toISOString()}~${crypto.randomBytes(12).toString('hex')}`;
}

/**
 * Collects a stream's bytes into rows of exactly CHUNK_BYTES (the last one shorter) under one key.
 * One buffer per upload, filled and written again and again: SQLite has copied a row's bytes once
 * its insert returns, so an upload allocates no more than this one megabyte.
 */
export class ChunkWriter {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private filled = 0;
  private seq = 0;

  constructor(
    private readonly db: Db,
    readonly key: string,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      const copied = chunk.copy(this.buffer, this.filled, at);
      this.filled += copied;
      at += copied;
      if (this.filled === CHUNK_BYTES) await this.flush();
    }
  }

  async end(): Promise<void> {
    if (this.filled > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    await this.db.insertInto('attachment_chunks').values({ chunk_key: this.key, seq: this.seq++, data: this.buffer.subarray(0, this.filled) }).execute();
    this.filled = 0;
  }
}

/** Bytes [start, end) of the chunks under `key` (e.g. a zip file's table of contents). */
export async function readChunkRange(db: Kysely<Database>, key: string, start: number, end: number): Promise<Buffer> {
  if (end <= start) return Buffer.alloc(0);
  const first = Math.floor(start / CHUNK_BYTES);
  const last = Math.floor((end - 1) / CHUNK_BYTES);
  const rows = await db
    .selectFrom('attachment_chunks')
    .select(['seq', 'data'])
    .where('chunk_key', '=', key)
    .where('seq', '>=', first)
    .where('seq', '<=', last)
    .orderBy('seq')
    .execute();
  const joined = Buffer.concat(rows.map((r) => r.data));
  return joined.subarray(start - first * CHUNK_BYTES, end - first * CHUNK_BYTES);
}

/** The chunks of a published content, one row at a time, in order. */
export async function* chunksOf(db: Db, key: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const row = await db.selectFrom('attachment_chunks').select('data').where('chunk_key', '=', key).where('seq', '=', seq).executeTakeFirst();
    if (!row) return;
    yield row.data;
  }
}

/**
 * Publishes an upload's chunks under its hash, inside the transaction that adds the attachment.
 * When the content is stored already, the upload's own chunks are dropped and the stored ones used.
 */
export async function publishContent(trx: Kysely<Database>, upload: { key: string; sha256: string; size: number }, at: Date): Promise<void> {
  const stored = await trx.selectFrom('attachment_contents').select('chunk_key').where('sha256', '=', upload.sha256).executeTakeFirst();
  if (stored) {
    if (stored.chunk_key !== upload.key) await trx.deleteFrom('attachment_chunks').where('chunk_key', '=', upload.key).execute();
    return;
  }
  await trx.insertInto('attachment_contents').values({ sha256: upload.sha256, chunk_key: upload.key, size: upload.size, created_at: at.toISOString() }).execute();
}

/** Drops a content nothing refers to any more (after an attachment was removed). */
export async function dropContentIfUnused(trx: Kysely<Database>, sha256: string): Promise<void> {
  const used = await trx.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  if (used) return;
  const content = await trx.selectFrom('attachment_contents').select('chunk_key').where('sha256', '=', sha256).executeTakeFirst();
  if (!content) return;
  await trx.deleteFrom('attachment_contents').where('sha256', '=', sha256).execute();
  await trx.deleteFrom('attachment_chunks').where('chunk_key', '=', content.chunk_key).execute();
}

/** Drops the chunks of uploads that were refused or failed (keys no content row names). */
export async function discardUploads(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom('attachment_chunks')
    .where('chunk_key', 'in', keys)
    .where('chunk_key', 'not in', db.selectFrom('attachment_contents').select('chunk_key'))
    .execute();
}

/** Drops what uploads cut off by a crash or a dropped connection left behind a day ago or more. */
export async function discardStaleUploads(db: Db, now: Date): Promise<void> {
  const before = new Date(now.getTime() - STALE_UPLOAD_MS).toISOString();
  await db
    .deleteFrom('attachment_chunks')
    .where('chunk_key', '<', before)
    .where('chunk_key', 'not in', db.selectFrom('attachment_contents').select('chunk_key'))
    .execute();
}
