// The PDF font: DejaVu Sans from npm (covers Danish and other Latin text), unpacked once.
import fs from 'node:fs';
import { woffToSfnt } from './woff';

const fontFile = (weight: 400 | 700) => require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`);

export const REGULAR_FONT = woffToSfnt(fs.readFileSync(fontFile(400)));
export const BOLD_FONT = woffToSfnt(fs.readFileSync(fontFile(700)));
