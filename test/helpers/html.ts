// Reading what a user sees on a rendered page: field messages, kept input, flash messages.

export function unescapeHtml(text: string): string {
  return text
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The message shown beside a form field, or undefined when the field has none. */
export function fieldError(html: string, field: string): string | undefined {
  const m = new RegExp(`<p class="error" id="f-${field}-error">([^<]*)</p>`).exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}

/** What an input or textarea of the form holds (the kept input after a 422). */
export function fieldValue(html: string, field: string): string | undefined {
  const input = new RegExp(`<input [^>]*id="f-${field}" name="${field}" value="([^"]*)"`).exec(html);
  if (input) return unescapeHtml(input[1]);
  const textarea = new RegExp(`<textarea id="f-${field}"[^>]*>([^<]*)</textarea>`).exec(html);
  return textarea ? unescapeHtml(textarea[1]) : undefined;
}

/** The value of the selected option of a select field. */
export function selectedValue(html: string, field: string): string | undefined {
  const select = new RegExp(`<select id="f-${field}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  const option = select && /<option value="([^"]*)" selected>/.exec(select[1]);
  return option ? unescapeHtml(option[1]) : undefined;
}

/** The one-time messages at the top of the page. */
export function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash--\w+" role="\w+">([^<]*)<\/div>/g)].map((m) => unescapeHtml(m[1]));
}

/** The "Viser 1–25 af 40 · side 1 af 2" line of a paginated list. */
export function pagerText(html: string): string | undefined {
  const m = /<nav class="pagination" aria-label="Sider">\s*<p>([^<]*)<\/p>/.exec(html);
  return m ? unescapeHtml(m[1]).replace(/\s+/g, ' ').trim() : undefined;
}

/** The href of a link with the given rel (next, prev). */
export function relHref(html: string, rel: 'next' | 'prev'): string | undefined {
  const m = new RegExp(`<a href="([^"]*)" rel="${rel}">`).exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}
