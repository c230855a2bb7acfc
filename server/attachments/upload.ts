// Receives a multipart form with files (busboy, streaming): each file is hashed, sniffed and
// written to the database in 1 MB rows as it arrives, under a fresh chunk key; nothing is
// published until the caller accepts the whole form. Limits on file count, file size, field count
// and field size; the first refusal stops the storing, the rest of the request is only read past,
// and whatever was written for a refused or failed request is removed before this returns.
// The CSRF token of such a form is checked before any of this (web/security.ts).
import crypto from 'node:crypto';
import type { Request } from 'express';
import Busboy, { type BusboyHeaders } from '@fastify/busboy';
import type { Db } from '../db/database';
import { ChunkWriter, discardStaleUploads, discardUploads, newChunkKey, readChunkRange } from './store';
import { ContentSniffer, type Refusal } from './sniff';
import { FILE_KINDS, type FileKind } from './kinds';
import { ACCEPTED_KINDS_TEXT, UPLOAD_REFUSALS as R } from './messages';
import type { Config } from '../config';

/** The file input's name in every bilag form. */
export const FILE_FIELD = 'filer';

export function uploadLimits(ctx: { config: Pick<Config, 'uploadMaxMb'> }, maxFieldBytes = 16 * 1024): UploadLimits {
  return { maxFileMb: ctx.config.uploadMaxMb, maxFiles: 10, maxFields: 20, maxFieldBytes };
}

/** What the bilag form on the meeting page needs to say about the limits. */
export function bilagFormLocals(ctx: { config: Pick<Config, 'uploadMaxMb'> }) {
  const limits = uploadLimits(ctx);
  return { fileField: FILE_FIELD, maxFileMb: limits.maxFileMb, maxFiles: limits.maxFiles, acceptedKinds: ACCEPTED_KINDS_TEXT };
}

export interface UploadLimits {
  maxFileMb: number;
  /** Files in one form (the file inputs' parts, chosen or not). */
  maxFiles: number;
  maxFields: number;
  maxFieldBytes: number;
  /** At least one file must come (default); false for forms where bilag are optional. */
  requireFile?: boolean;
}

/** A received file, stored but not yet published. */
export interface StagedFile {
  key: string;
  fileName: string;
  kind: FileKind;
  mime: string;
  size: number;
  sha256: string;
}

export interface ReceivedForm {
  /** The text fields; a name sent twice keeps its last value. */
  fields: Record<string, string>;
  files: StagedFile[];
  /** Why the form was refused (nothing is stored then), or null. */
  refusal: string | null;
  /** The request was refused before its body was read: the connection must close after the answer. */
  unread: boolean;
}

/** A file name as browsers send it: no path, no control characters, at most 255 characters. */
export function isAcceptableFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length > 0 && [...name].length <= 255 && !/[/\\\u0000-\u001f\u007f]/.test(name) && name.trim() !== '' && name !== '.' && name !== '..';
}

const REFUSAL_TEXTS: Record<Refusal, (name: string) => string> = {
  empty: R.empty,
  notAccepted: R.notAccepted,
  webPage: R.webPage,
  program: R.program,
  archive: R.archive,
  bomb: R.bomb,
  macros: R.macros,
  encrypted: R.encrypted,
  damaged: R.damaged,
};

export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '');
}

/**
 * Stores one file's bytes under `key` as they arrive, hashing and sniffing them on the way. A
 * refused file (or `stopped()`: the form was refused meanwhile) is read to its end without
 * storing; its rows so far are the caller's to discard.
 */
export async function stageFile(
  db: Db,
  key: string,
  source: AsyncIterable<Buffer>,
  fileName: string,
  opts: { maxFileMb: number; stopped?: () => boolean; truncated?: () => boolean },
): Promise<StagedFile | { refusal: string } | null> {
  const maxFileBytes = opts.maxFileMb * 1024 * 1024;
  const writer = new ChunkWriter(db, key);
  const hash = crypto.createHash('sha256');
  const sniffer = new ContentSniffer();
  let refusal: string | null = null;
  for await (const chunk of source) {
    if (refusal || opts.stopped?.()) continue; // read past the rest
    if (sniffer.size + chunk.length > maxFileBytes) {
      refusal = R.fileTooLarge(fileName, opts.maxFileMb);
      continue;
    }
    sniffer.push(chunk);
    hash.update(chunk);
    if (sniffer.refusal) refusal = REFUSAL_TEXTS[sniffer.refusal](fileName);
    else await writer.write(chunk);
  }
  if (opts.truncated?.()) refusal ??= R.fileTooLarge(fileName, opts.maxFileMb);
  if (refusal) return { refusal };
  if (opts.stopped?.()) return null;
  await writer.end();
  const verdict = await sniffer.finish((start, end) => readChunkRange(db, key, start, end));
  if ('refusal' in verdict) return { refusal: REFUSAL_TEXTS[verdict.refusal](fileName) };
  return { key, fileName, kind: verdict.kind, mime: FILE_KINDS[verdict.kind].mime, size: sniffer.size, sha256: hash.digest('hex') };
}

/**
 * Reads the form. Files come from the field `fileField`; other file fields are read past. The
 * returned files are the caller's to publish (service.addAttachments) or to discard
 * (store.discardUploads); on a refusal they are already gone.
 */
export async function receiveUpload(db: Db, req: Request, fileField: string, limits: UploadLimits, now: Date): Promise<ReceivedForm> {
  const maxFileBytes = limits.maxFileMb * 1024 * 1024;
  const result: ReceivedForm = { fields: {}, files: [], refusal: null, unread: false };
  if (!isMultipart(req)) return { ...result, refusal: R.notMultipart };
  // A browser states the length of a form; far beyond what the limits allow is refused unread.
  const declared = Number(req.headers['content-length']);
  const ceiling = limits.maxFiles * (maxFileBytes + 64 * 1024) + limits.maxFields * (limits.maxFieldBytes + 1024) + 64 * 1024;
  if (Number.isFinite(declared) && declared > ceiling) return { ...result, refusal: R.tooLarge(limits.maxFileMb), unread: true };

  await discardStaleUploads(db, now);
  const keys: string[] = [];
  const work: Array<Promise<void>> = [];
  const slots: Array<StagedFile | undefined> = [];
  const open = new Set<NodeJS.ReadableStream & { destroy(): void }>();
  let failure: unknown = null as unknown;
  let broken = false; // the request could not be read to its end
  const refuse = (text: string) => {
    result.refusal ??= text;
  };
  const stopped = () => result.refusal !== null || failure !== null;

  await new Promise<void>((resolve) => {
    const busboy = Busboy({
      headers: req.headers as BusboyHeaders,
      preservePath: true, // the name as sent, so a name with a path is refused rather than cut
      limits: {
        files: limits.maxFiles,
        fileSize: maxFileBytes,
        fields: limits.maxFields,
        fieldSize: limits.maxFieldBytes,
        parts: limits.maxFiles + limits.maxFields,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) refuse(R.fieldTooLong);
      else result.fields[name] = value;
    });
    busboy.on('file', (name, stream, fileName) => {
      if (name !== fileField || result.refusal) {
        stream.resume();
        return;
      }
      if (fileName === '') {
        // an empty file input: nothing chosen (a nameless file with content is refused)
        stream.on('data', (chunk: Buffer) => chunk.length && refuse(R.unnamed));
        return;
      }
      if (!isAcceptableFileName(fileName)) {
        refuse(R.badName(fileName.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 80)));
        stream.resume();
        return;
      }
      const key = newChunkKey(now);
      keys.push(key);
      open.add(stream);
      // The files keep the form's order (the titles are matched by position), whichever is stored first.
      const slot = slots.push(undefined) - 1;
      work.push(
        stageFile(db, key, stream, fileName, { maxFileMb: limits.maxFileMb, stopped, truncated: () => stream.truncated }).then(
          (staged) => {
            open.delete(stream);
            if (staged && 'refusal' in staged) refuse(staged.refusal);
            else if (staged && !stopped()) slots[slot] = staged;
          },
          (err) => {
            open.delete(stream);
            if (!broken) failure ??= err; // a file cut off by a broken request is no server error
            stream.resume();
          },
        ),
      );
    });
    busboy.on('filesLimit', () => refuse(R.tooManyFiles(limits.maxFiles)));
    busboy.on('fieldsLimit', () => refuse(R.tooManyFields));
    busboy.on('partsLimit', () => refuse(R.tooManyFields));
    // A form the parser cannot read, or a connection dropped half-way, is the sender's problem:
    // refused (nothing stored), not a server error. Files cut off then are ended here.
    const breakOff = () => {
      broken = true;
      refuse(R.unreadable);
      for (const stream of open) stream.destroy();
      resolve();
    };
    busboy.on('error', breakOff);
    busboy.on('finish', () => resolve());
    req.once('close', () => {
      if (!req.readableEnded) breakOff();
    });
    req.pipe(busboy);
  });
  req.unpipe();
  await Promise.allSettled(work);
  result.files = slots.filter((f): f is StagedFile => f !== undefined);

  if (result.refusal || failure) {
    await discardUploads(db, keys);
    if (failure) throw failure;
    return { ...result, files: [] };
  }
  if (result.files.length === 0 && limits.requireFile !== false) return { ...result, refusal: R.noFile };
  return result;
}
