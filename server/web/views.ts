// How EJS templates are rendered, for pages (through Express) and for fragments that a feature
// renders once and reuses (e.g. a report's body, which is the same for every reader).
import path from 'node:path';
import ejs from 'ejs';

export const VIEWS_DIR = path.resolve(__dirname, '..', '..', 'views');

/**
 * Includes are written from the views folder ('/partials/field') and resolved against `root`, so
 * EJS need not ask the file system whether a file exists on every include of every render.
 * `rmWhitespace` drops the templates' indentation from the HTML sent.
 */
export function ejsOptions(cache: boolean): ejs.Options {
  return { root: VIEWS_DIR, views: [VIEWS_DIR], cache, rmWhitespace: true, escape: escapeForHtml };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
/** What HTML escapes, and control characters no page should carry (tab and LF stay). */
const UNSAFE = /[&<>"'\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/g;

/** EJS's escaping in one pass, dropping control characters (old data, or text from outside a form). */
function escapeForHtml(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).replace(UNSAFE, (c) => ENTITIES[c] ?? '');
}

/** Express's view engine with these options. */
export function viewEngine(cache: boolean) {
  const options = ejsOptions(cache);
  return (file: string, data: object, done: (err: Error | null, html?: string) => void) => {
    ejs.renderFile(file, data, options, done);
  };
}

/**
 * Renders `views/<name>.ejs` to a string: for a fragment without per-reader content (no user,
 * no CSRF token), which the caller may remember and put in a page with `<%- html %>`.
 */
export function renderFragment(name: string, locals: Record<string, unknown>, cache = true): Promise<string> {
  return ejs.renderFile(path.join(VIEWS_DIR, `${name}.ejs`), locals, ejsOptions(cache));
}

/** The HTML writer (views/documents/document.ejs) as a string, e.g. for tests of the writers. */
export function renderDocumentHtml(doc: unknown, headingOffset = 0): Promise<string> {
  return renderFragment('documents/document', { doc, headingOffset, figures: {} });
}
