// Sending a bilag: the Content-Disposition that keeps æ, ø and å (RFC 6266/5987) with a plain
// fallback, and writing its rows to the response one at a time, waiting while the reader is slow.
import type { Response } from 'express';

const DANISH: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };

/** `attachment; filename="Budget aeoeaa.pdf"; filename*=UTF-8''Budget%20%C3%A6%C3%B8%C3%A5.pdf` */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .replace(/[æøåÆØÅ]/g, (c) => DANISH[c])
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback || 'bilag'}"; filename*=UTF-8''${encoded}`;
}

/**
 * Writes each buffer, waiting for the socket to drain between them; stops when the reader has
 * gone. A failure half-way cuts the connection, so the reader sees a broken download, not a short file.
 */
export async function writeChunks(res: Response, chunks: AsyncIterable<Buffer>): Promise<void> {
  try {
    await writeAll(res, chunks);
  } catch (err) {
    res.destroy();
    throw err;
  }
}

async function writeAll(res: Response, chunks: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}
