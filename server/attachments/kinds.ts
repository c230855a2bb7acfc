// The kinds of file a bilag may be, with the type they are served as, the label the pages and
// documents show, and the file name endings that fit them. Which kind a file is, is decided by
// its content (sniff.ts), never by its name or the browser's claim.

export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel', extensions: ['xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint', extensions: ['pptx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'ODT', extensions: ['odt'] },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', label: 'ODS', extensions: ['ods'] },
  png: { mime: 'image/png', label: 'PNG', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  text: { mime: 'text/plain; charset=utf-8', label: 'Tekst', extensions: ['txt', 'text', 'md', 'csv'] },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

const BY_MIME = new Map(Object.entries(FILE_KINDS).map(([kind, k]) => [k.mime as string, kind as FileKind]));

export function kindOfMime(mime: string): FileKind | undefined {
  return BY_MIME.get(mime);
}

/** The label of a stored type ('PDF', 'Word' …); an unknown one (never stored) shows as 'Fil'. */
export function typeLabel(mime: string): string {
  const kind = kindOfMime(mime);
  return kind ? FILE_KINDS[kind].label : 'Fil';
}

/**
 * The name a download gets: the uploaded name when its ending fits the content, else the right
 * ending added ("budget.exe" holding a PDF downloads as "budget.exe.pdf"), so the user's system
 * opens it with the program for what it really is.
 */
export function downloadName(fileName: string, mime: string): string {
  const kind = kindOfMime(mime);
  if (!kind) return fileName;
  const ending = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const fits = (FILE_KINDS[kind].extensions as readonly string[]).includes(ending ?? '');
  return fits ? fileName : `${fileName}.${FILE_KINDS[kind].extensions[0]}`;
}

/** "Budget 2027.pdf" → "Budget 2027": the title a bilag gets when none is given. */
export function titleFromFileName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').trim();
  return stem || fileName;
}
