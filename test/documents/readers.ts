// Reading documents back as their readers would: LibreOffice for DOCX (what Word users' colleagues
// open it with), as text. Needs Debian's libreoffice-writer-nogui; `.ci/run` installs it. Without it
// the LibreOffice checks are skipped outside CI and fail in CI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p)) ?? null;

/** `it` when LibreOffice is here (or in CI, where its absence is a failure); else `it.skip`. */
export const withLibreOffice = SOFFICE || process.env.CI ? it : it.skip;

/** The text LibreOffice reads from a .docx (converted to plain text, as a user would see it). */
export function libreOfficeText(docx: Buffer): string {
  if (!SOFFICE) throw new Error('LibreOffice is missing: apt-get install libreoffice-writer-nogui');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    const file = path.join(dir, 'doc.docx');
    fs.writeFileSync(file, docx);
    // A profile of its own, so parallel tests and a running LibreOffice do not collide.
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
    return fs.readFileSync(path.join(dir, 'doc.txt'), 'utf8').replace(/^\uFEFF/, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** LibreOffice's PDF of a .docx: how the document lays out in pages (headers, footers, page numbers). */
export function libreOfficePdf(docx: Buffer): Buffer {
  if (!SOFFICE) throw new Error('LibreOffice is missing: apt-get install libreoffice-writer-nogui');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
  try {
    const file = path.join(dir, 'doc.docx');
    fs.writeFileSync(file, docx);
    execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
    return fs.readFileSync(path.join(dir, 'doc.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
