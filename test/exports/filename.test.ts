// Download file names: ASCII only, so they survive every header, browser and file system.
import { asciiSlug, attachment, minutesFileName } from '../../server/documents/filename';

describe('asciiSlug', () => {
  it.each([
    ['Møde på Ærø – åbent', 'moede-paa-aeroe-aabent'],
    ['ÆØÅ æøå', 'aeoeaa-aeoeaa'],
    ['Café Über-Naïve', 'cafe-uber-naive'],
    ['  Partnerskabsmøde #3: "Frivillige" & <script>  ', 'partnerskabsmoede-3-frivillige-script'],
    ['../../etc/passwd', 'etc-passwd'],
    ['2026 – status', '2026-status'],
    ['–––', 'moede'],
    ['', 'moede'],
  ])('%j → %s', (title, slug) => {
    expect(asciiSlug(title)).toBe(slug);
  });

  it('is at most 60 characters and never ends with a dash', () => {
    const slug = asciiSlug('Et meget langt mødenavn om ældrepleje og frivillige på plejecentret i Uldum og omegn');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slug.startsWith('et-meget-langt-moedenavn-om-aeldrepleje')).toBe(true);
  });
});

describe('minutesFileName and attachment', () => {
  it('build referat-YYYY-MM-DD-<slug>.<ext> as an attachment header', () => {
    expect(minutesFileName('2026-06-10', 'Møde på Ærø – åbent', 'pdf')).toBe('referat-2026-06-10-moede-paa-aeroe-aabent.pdf');
    expect(minutesFileName('2026-12-08', '"; filename=evil.exe', 'docx')).toBe('referat-2026-12-08-filename-evil-exe.docx');
    expect(attachment('referat-2026-06-10-moede.md')).toBe('attachment; filename="referat-2026-06-10-moede.md"');
  });
});
