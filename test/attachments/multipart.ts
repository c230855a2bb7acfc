// Multipart bodies built by hand, so a test controls every byte a hostile browser could send:
// file names with paths or NUL, a hundred files, fields in any order.
import crypto from 'node:crypto';
import type { Agent } from '../helpers/agent';

export type Part = { field: string; value: string } | { file: string; name: string; bytes: Buffer; type?: string };

export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----uldum${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('field' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.field}"\r\n\r\n`), Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
    } else {
      const header = `Content-Disposition: form-data; name="${part.file}"; filename="${part.name.replace(/"/g, '%22')}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`;
      chunks.push(Buffer.from(header, 'utf8'), part.bytes, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a multipart form with the CSRF token in the address, as the page's forms do (or `csrf: null` for none). */
export function postMultipart(agent: Agent, url: string, parts: Part[], csrf: string | null) {
  const { body, contentType } = multipart(parts);
  const address = csrf === null ? url : `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(csrf)}`;
  return agent.post(address).set('Content-Type', contentType).send(body);
}

export const file = (name: string, bytes: Buffer, type?: string): Part => ({ file: 'filer', name, bytes, type });
export const field = (name: string, value: string): Part => ({ field: name, value });
