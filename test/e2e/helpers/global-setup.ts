// Runs once before the browser tests: no Chromium means a loud stop, never a silent pass.
import fs from 'node:fs';
import path from 'node:path';
import { ARTEFACTS_DIR, chromiumPath } from './paths';

export default function globalSetup(): void {
  const executable = chromiumPath();
  try {
    fs.accessSync(executable, fs.constants.X_OK);
  } catch {
    process.stderr.write("Chromium mangler: installér den med 'apt-get install -y chromium'\n");
    process.exit(1);
  }
  // Only this run's failures should be in the artefact folder.
  fs.rmSync(ARTEFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(ARTEFACTS_DIR), { recursive: true });
}
