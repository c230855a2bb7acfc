// The bilag form's fields besides the files: where they go (the meeting, or one of its items) and
// their titles, one line per file in the order chosen; a missing line gives the file's name.
import { z } from 'zod';
import { optionalId, optionalText } from '../web/form';
import { titleFromFileName } from './kinds';

export const TITLE_MAX = 200;

export const UploadFormSchema = z.object({
  agenda_item_id: optionalId,
  titler: optionalText(20 * (TITLE_MAX + 1)),
});

/** One title per file: the line in the same place, else the file's name without its ending. */
export function titlesFor(lines: string, files: Array<{ fileName: string }>): { titles: string[] } | { error: string } {
  const given = lines === '' ? [] : lines.split('\n').map((l) => l.trim());
  while (given.length && given[given.length - 1] === '') given.pop();
  if (given.length > files.length) return { error: `Der er ${given.length} titler, men ${files.length === 1 ? 'kun én fil' : `kun ${files.length} filer`}. Skriv én titel pr. linje, i samme rækkefølge som filerne.` };
  if (given.some((t) => t.length > TITLE_MAX)) return { error: `En titel må højst have ${TITLE_MAX} tegn.` };
  return { titles: files.map((f, i) => given[i] || titleFromFileName(f.fileName).slice(0, TITLE_MAX)) };
}

/** The whole form: `ok` with where the files go and their titles, or the field in error and why. */
export function parseUploadForm(fields: Record<string, string>, files: Array<{ fileName: string }>): { ok: true; agendaItemId: number | null; titles: string[] } | { ok: false; field: string; message: string } {
  const parsed = UploadFormSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, field: String(parsed.error.issues[0].path[0] ?? 'titler'), message: parsed.error.issues[0].message };
  const titles = titlesFor(parsed.data.titler, files);
  if ('error' in titles) return { ok: false, field: 'titler', message: titles.error };
  return { ok: true, agendaItemId: parsed.data.agenda_item_id, titles: titles.titles };
}
