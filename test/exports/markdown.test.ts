// The minutes as Markdown, rendered with markdown-it with raw HTML allowed: whatever a user typed
// must come out as the same visible text, never as HTML, emphasis, headings, lists or links.
import MarkdownIt from 'markdown-it';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { documentMarkdown, escapeLine } from '../../server/documents/markdown';
import { BILAG, ESCAPE, ITEM, STRUCTURE_LINES, TITLE, bigMeeting, download, expectInOrder, fullMeeting, itemTitle, visibleText } from './fixture';

const md = new MarkdownIt({ html: true }); // raw HTML would pass through if it were not escaped

/** The labels the export itself sets in bold; anything else in <strong> came from user text. */
const OWN_BOLD = [
  'UDKAST – ikke godkendt af alle parter',
  'Partnerskab:',
  'Tid:',
  'Sted:',
  'Fremlagt af:',
  'Aflyst:',
  'Deltagere:',
  'Afbud:',
  'Udeblev:',
  'Mødeleder:',
  'Referent:',
  'Sagsfremstilling:',
  'Drøftelse:',
  'Indstilling:',
  'Beslutning:',
  'Bilag:',
];

async function markdownOf(state: 'draft' | 'approved') {
  const { app, db } = await testApp();
  const reader = await signedIn(app, db, 'laeser');
  const { meetingId, order } = await fullMeeting(db, state);
  const res = await download(reader.agent, `/meetings/${meetingId}/minutes.md`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
  const source = res.body.toString('utf8');
  return { source, html: md.render(source), order };
}

function tagTexts(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => visibleText(m[1]).trim());
}

describe('minutes.md', () => {
  it('renders the SPEC content in order', async () => {
    const { html, order } = await markdownOf('approved');
    expectInOrder(visibleText(html), order);
  });

  it('lets no HTML, emphasis, heading, list, quote or link out of user text', async () => {
    const { html } = await markdownOf('approved');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toMatch(/<(em|a|blockquote|ol|pre|code|img|hr)[\s>]/);
    for (const bold of tagTexts(html, 'strong')) expect(OWN_BOLD).toContain(bold);
    expect(tagTexts(html, 'h1')).toEqual([`Referat: ${TITLE}`]);
    expect(tagTexts(html, 'h2')).toEqual(['Dagsorden og referat', 'Bilag til mødet', 'Opfølgning', 'Næste møde', 'Godkendelse']);
    expect(tagTexts(html, 'h3')).toEqual(['1. Opfølgning fra sidste møde (Orientering)', `2. ${ITEM.title} (Beslutning)`, `3. ${ESCAPE} (Drøftelse)`]);
    expect(html).not.toMatch(/<h[4-6]/);
    // The only list items are the export's own facts, the meeting's bilag and the approval lines.
    for (const li of tagTexts(html, 'li')) if (li !== BILAG.meeting) expect(li).toMatch(/^(Partnerskab|Tid|Sted|Deltagere|Afbud|Mødeleder|Referent|Fremlagt af):|^(Hedensted Kommune|FOA): godkendt af /);
    expect(tagTexts(html, 'li')).toContain(BILAG.meeting);
  });

  it('shows the user text exactly as typed, with æøå and line breaks', async () => {
    const { html } = await markdownOf('draft');
    const text = visibleText(html);
    expect(text).toContain(ESCAPE);
    const paragraphs = tagTexts(html, 'p');
    for (const line of STRUCTURE_LINES) expect(paragraphs).toContain(line); // each typed line a paragraph of its own
    expect(html).not.toMatch(/<br/);
    expect(text).toContain('Besluttet: *ikke kursiv* og _ikke understreget_ og [ikke et link](https://example.org)');
    expect(text).toContain('Velkommen til Åse fra Ærø.');
  });

  it('has the follow-up actions as a table', async () => {
    const { html } = await markdownOf('approved');
    const table = /<table>[\s\S]*<\/table>/.exec(html)?.[0] ?? '';
    expect(tagTexts(table, 'th')).toEqual(['Hvad', 'Hvem', 'Hvornår', 'Status']);
    expect(tagTexts(table, 'td')).toEqual([
      'Indkald frivillige til møde (punkt 2)',
      'Hanne M. Petersen',
      '15.12.2026',
      'Åben',
      `${ESCAPE} (punkt 3)`,
      'René G. Nielsen',
      '05.01.2027',
      'I gang',
    ]);
  });

  it('marks a draft UDKAST and an approved referat not', async () => {
    const draft = await markdownOf('draft');
    expect(draft.source.split('\n')[0]).toBe('**UDKAST – ikke godkendt af alle parter**');
    expect(visibleText(draft.html)).toContain('FOA: ikke godkendt');
    const approved = await markdownOf('approved');
    expect(approved.source).not.toContain('UDKAST');
    expect(visibleText(approved.html)).toContain('Version 1');
  });

  it('exports a 100-item meeting with 100 item headings', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId, titles } = await bigMeeting(db, 100);
    const html = md.render((await download(reader.agent, `/meetings/${meetingId}/minutes.md`)).body.toString('utf8'));
    expect(tagTexts(html, 'h3')).toEqual(titles.map((t, i) => `${i + 1}. ${t} (Orientering)`));
    expect(titles[0]).toBe(itemTitle(1));
  }, 20_000);
});

describe('escapeLine', () => {
  it('escapes only what Markdown would misread, so the source reads as typed', () => {
    expect(escapeLine('Mødet 01.02.2027 kl. 14.00')).toBe('Mødet 01.02.2027 kl. 14.00');
    expect(escapeLine('01.02.2027 er datoen')).toBe('01.02.2027 er datoen');
    expect(escapeLine('1. Velkommen')).toBe('1\\. Velkommen');
    expect(escapeLine('snake_case_navn og 3-4 timer (ca.) + moms = 100 %!')).toBe('snake_case_navn og 3-4 timer (ca.) + moms = 100 %!');
    expect(escapeLine('Pris: 2.500 kr. # 7')).toBe('Pris: 2.500 kr. # 7');
    expect(escapeLine('_kursiv_')).toBe('\\_kursiv\\_');
  });

  const cases = [
    ESCAPE,
    '# overskrift',
    '###### lille overskrift',
    '- liste',
    '+ liste',
    '* liste',
    '1. nummer',
    '12) nummer',
    '> citat',
    '=== understregning',
    '===',
    '--',
    '01.02.2027',
    'snake_case_navn',
    '---',
    '***',
    '___',
    '```js',
    '~~~',
    '`kode`',
    '~~overstreget~~',
    '**fed** og __fed__ og _kursiv_',
    '<b>fed</b> <img src=x onerror=alert(1)>',
    '<!-- kommentar -->',
    '[link](https://example.org) ![billede](x.png)',
    '<https://example.org>',
    '&amp; &copy; &#60;',
    '| a | b |',
    'slutter med backslash \\',
    '\\*allerede escaped\\*',
    'Æblegrød på Ærø: 2026. år',
  ];

  it.each(cases)('%s renders as exactly that text and nothing else', (text) => {
    const html = md.render(escapeLine(text)).trim();
    const inner = /^<p>([\s\S]*)<\/p>$/.exec(html);
    expect(inner).not.toBeNull(); // one plain paragraph: no heading, list, quote, rule, code block or HTML block
    expect(inner![1]).not.toMatch(/<[a-z!/]/i); // no element inside it
    expect(visibleText(inner![1])).toBe(text);
  });

  it('keeps list items plain too: "1. Budget" or "# …" in an item opens no list, heading or quote inside the bullet', () => {
    const doc = { title: 'T', subject: 'S', runningHeader: '', runningFooter: '', watermark: null, blocks: [{ kind: 'list' as const, items: cases }] };
    const html = md.render(documentMarkdown(doc));
    expect(html).not.toMatch(/<(ol|h\d|blockquote|hr|pre|code|em|strong|a|img|table)[\s>]/);
    expect((html.match(/<ul>/g) ?? []).length).toBe(1);
    expect(tagTexts(html, 'li')).toEqual(cases);
  });
});
