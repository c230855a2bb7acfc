// The PDF font: DejaVu Sans from npm (covers Danish and other Latin text), unpacked with the first
// PDF and kept (not at the server's start, which the SPEC holds to 2 s).
import fs from 'node:fs';
import { woffToSfnt } from './woff';

const fontFile = (weight: 400 | 700) => require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`);

let unpacked: { regular: Buffer; bold: Buffer } | undefined;

export function pdfFonts(): { regular: Buffer; bold: Buffer } {
  unpacked ??= { regular: woffToSfnt(fs.readFileSync(fontFile(400))), bold: woffToSfnt(fs.readFileSync(fontFile(700))) };
  return unpacked;
}
