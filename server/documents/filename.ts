// File names for downloads: referat-YYYY-MM-DD-<ascii-slug>.<ext>, safe in any header or OS.

/** "Møde på Ærø – åbent" → "moede-paa-aeroe-aabent" */
export function asciiSlug(text: string, max = 60): string {
  const slug = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'moede';
}

export function minutesFileName(date: string, title: string, ext: string): string {
  return `referat-${date}-${asciiSlug(title)}.${ext}`;
}

export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
