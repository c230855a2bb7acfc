// The SPEC gives the server 2 s from start to first answer. The PDF writers (pdfkit with its font,
// pdf-lib), nodemailer and openid-client together take about half a second to load, so they are
// loaded on first use. These run the app in a plain Node process with the options `npm start` uses
// (tsx's require hook): loading every route leaves those packages out, and they still load when used.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startOptions } from '../../bench/server';

const ROOT = path.resolve(__dirname, '../..');
const LOADED_ON_FIRST_USE = ['pdfkit', 'pdf-lib', 'nodemailer', 'openid-client'];

function runAsTheServer(script: string): string {
  return execFileSync(process.execPath, [...startOptions(), '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
}

function serverFiles(dir = path.join(ROOT, 'server')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? serverFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the server start', () => {
  it('does not load the PDF writers, nodemailer or openid-client until they are used', () => {
    const out = runAsTheServer(`
      require('./server/app');
      const names = new Set(Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
      process.stdout.write(JSON.stringify([...names]));`);
    const loaded = JSON.parse(out) as string[];
    expect(loaded).toContain('express'); // the probe sees what the app loads
    expect(loaded.filter((name) => LOADED_ON_FIRST_USE.includes(name))).toEqual([]);
  });

  it('loads them when they are used, under the same loader', () => {
    const out = runAsTheServer(`
      const { documentPdf } = require('./server/documents/pdf');
      const { mergePdfs } = require('./server/documents/merge');
      (async () => {
        const pdf = await documentPdf({ title: 'Referat', subject: 'Møde', runningHeader: 'Uldum', runningFooter: 'FOA × Hedensted', blocks: [{ kind: 'paragraph', text: 'Blåbærgrød' }] });
        const merged = await mergePdfs([{ title: 'Dagsorden', pdf }], { title: 'Samlet' });
        const mailer = await import('nodemailer');
        const openid = await import('openid-client');
        process.stdout.write(JSON.stringify({ pdf: pdf.subarray(0, 5).toString(), merged: Buffer.from(merged.pdf).subarray(0, 5).toString(), skipped: merged.skipped, mailer: typeof mailer.default.createTransport, openid: typeof openid.discovery }));
      })();`);
    expect(JSON.parse(out)).toEqual({ pdf: '%PDF-', merged: '%PDF-', skipped: [], mailer: 'function', openid: 'function' });
  });

  it('imports only packages on demand: the server\'s own files would bypass the require hook', () => {
    // The CLI too: the browser tests run it under the server's options.
    const dynamicImportsOfOwnFiles = [...serverFiles(), ...serverFiles(path.join(ROOT, 'seeds'))]
      .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/(?<!typeof )\bimport\(\s*['"](\.[^'"]*)['"]/g)].map((m) => `${path.relative(ROOT, file)}: ${m[1]}`));
    expect(dynamicImportsOfOwnFiles).toEqual([]);
  });
});
