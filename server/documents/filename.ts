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

/**
 * A file name with spaces and æøå (RFC 6266): an ASCII fallback for old clients and the real name
 * as `filename*`. Characters that could break the header or a file system are dropped.
 */
export function attachmentWithName(name: string): string {
  const safe = name.replace(/[\u0000-\u001f\u007f"\\/:*?<>|]/g, '').trim();
  const fallback = safe.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/Æ/g, 'Ae').replace(/Ø/g, 'Oe').replace(/Å/g, 'Aa').normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
