// Every value in a template is escaped (<%=). Unescaped output (<%-) is only for our own partials
// (include) and for the named fragments a feature rendered itself from a template
// (renderFragment, server/web/views.ts): anything else could put user text on a page as HTML.
import fs from 'node:fs';
import path from 'node:path';

const VIEWS = path.resolve(__dirname, '..', '..', 'views');
/** Fragments rendered by renderFragment from our own templates, and where. */
const FRAGMENTS: Record<string, string> = {
  reportHtml: 'the status report body (server/reports/routes.ts)',
  sharedHtml: "the overview's shared sections (server/dashboard/routes.ts)",
  alertsHtml: "the overview's alerts (server/dashboard/routes.ts)",
  reviewsHtml: "the overview's reviews due, Til opfølgning (server/dashboard/routes.ts)",
  agendaHtml: 'a read-only agenda (server/meetings/routes.ts)',
  overviewHtml: 'the role overview below the roles page header (server/roles/routes.ts)',
};

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.ejs') ? [path.join(dir, e.name)] : []));
}

describe('unescaped output in views/', () => {
  it('is only include(...) or a named fragment', () => {
    const found: string[] = [];
    for (const file of templates(VIEWS)) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/<%-([\s\S]*?)%>/g)) {
        const code = m[1].trim();
        if (/^include\(/.test(code) || code in FRAGMENTS) continue;
        found.push(`${path.relative(VIEWS, file)}: <%- ${code} %>`);
      }
    }
    expect(found).toEqual([]);
  });
});
