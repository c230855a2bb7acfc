// Files to upload in the bilag tests, made here: small real documents of every accepted kind, and
// the hostile ones the issue names (a renamed program, HTML, SVG, a zip bomb, an archive).
import crypto from 'node:crypto';
import JSZip from 'jszip';

export interface TestFile {
  name: string;
  bytes: Buffer;
}

async function zip(entries: Array<[string, string | Buffer, 'STORE' | 'DEFLATE']>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content, compression] of entries) z.file(name, content, { compression });
  return z.generateAsync({ type: 'nodebuffer' });
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export function pdf(text = 'Budget 2027'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A PDF-headed file of exactly `bytes` bytes with random content (no two alike). */
export function largePdf(bytes: number): Buffer {
  const out = crypto.randomBytes(bytes);
  out.write('%PDF-1.7\n', 0, 'latin1');
  return out;
}

export const docx = () => zip([['[Content_Types].xml', CONTENT_TYPES, 'DEFLATE'], ['_rels/.rels', '<Relationships/>', 'DEFLATE'], ['word/document.xml', '<w:document>Budget</w:document>', 'DEFLATE']]);
export const xlsx = () => zip([['[Content_Types].xml', CONTENT_TYPES, 'DEFLATE'], ['xl/workbook.xml', '<workbook/>', 'DEFLATE'], ['xl/worksheets/sheet1.xml', '<worksheet/>', 'DEFLATE']]);
export const pptx = () => zip([['[Content_Types].xml', CONTENT_TYPES, 'DEFLATE'], ['ppt/presentation.xml', '<presentation/>', 'DEFLATE']]);
export const docm = () => zip([['[Content_Types].xml', CONTENT_TYPES, 'DEFLATE'], ['word/document.xml', '<w:document/>', 'DEFLATE'], ['word/vbaProject.bin', crypto.randomBytes(64), 'DEFLATE']]);
export const odt = () => zip([['mimetype', 'application/vnd.oasis.opendocument.text', 'STORE'], ['content.xml', '<office:document-content/>', 'DEFLATE'], ['META-INF/manifest.xml', '<manifest/>', 'DEFLATE']]);
export const ods = () => zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet', 'STORE'], ['content.xml', '<office:document-content/>', 'DEFLATE']]);
export const odp = () => zip([['mimetype', 'application/vnd.oasis.opendocument.presentation', 'STORE'], ['content.xml', '<office:document-content/>', 'DEFLATE']]);
export const plainZip = () => zip([['budget.pdf', pdf(), 'DEFLATE'], ['noter.txt', 'Noter', 'DEFLATE']]);
/** A Word file whose document unpacks to 50 MB of zeros from about 50 kB. */
export const zipBomb = () => zip([['[Content_Types].xml', CONTENT_TYPES, 'DEFLATE'], ['word/document.xml', Buffer.alloc(50 * 1024 * 1024), 'DEFLATE']]);

export const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);
export const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF\0'), crypto.randomBytes(32), Buffer.from([0xff, 0xd9])]);
export const text = (s = 'Dagsorden: æblegrød og ørred på Ærø.\n') => Buffer.from(s, 'utf8');

/** A Linux program (ELF) and a Windows one (MZ), as they would be renamed to look harmless. */
export const elf = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
export const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(60), Buffer.from('This program cannot be run in DOS mode.')]);
export const html = () => Buffer.from('<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n');
export const svg = () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n');
export const shellScript = () => Buffer.from('#!/bin/sh\nrm -rf ~\n');
export const latin1Text = () => Buffer.from('K\xf8benhavn\n', 'latin1');
