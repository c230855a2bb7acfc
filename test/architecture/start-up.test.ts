// The SPEC gives the server 2 s from start to first answer. The PDF writers (pdfkit with its font,
// pdf-lib), nodemailer and openid-client together take about half a second to load, so they are
// loaded on first use: this checks that loading the whole app (every route) leaves them out.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const LOADED_ON_FIRST_USE = ['pdfkit', 'pdf-lib', 'nodemailer', 'openid-client'];

/** The packages under node_modules that requiring server/app.ts loads, in a plain Node process (as `npm start` runs it, through tsx). */
function packagesLoadedByTheApp(): string[] {
  const script = `
    require('./server/app');
    const names = new Set(Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
    process.stdout.write(JSON.stringify([...names]));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  return JSON.parse(out) as string[];
}

describe('the server start', () => {
  it('does not load the PDF writers, nodemailer or openid-client until they are used', () => {
    const loaded = packagesLoadedByTheApp();
    expect(loaded).toContain('express'); // the probe sees what the app loads
    expect(loaded.filter((name) => LOADED_ON_FIRST_USE.includes(name))).toEqual([]);
  });
});
