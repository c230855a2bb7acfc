// The print page of the minutes: the same document as HTML, escaped, in Danish.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { ESCAPE, FILE_SLUG, STRUCTURE_LINES, TITLE, bigMeeting, expectInOrder, fullMeeting, visibleText } from './fixture';

async function printOf(state: 'draft' | 'approved') {
  const { app, db } = await testApp();
  const reader = await signedIn(app, db, 'laeser');
  const { meetingId, order } = await fullMeeting(db, state);
  const res = await reader.agent.get(`/meetings/${meetingId}/minutes/print`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const main = /<main>([\s\S]*)<\/main>/.exec(res.text)?.[1] ?? '';
  return { res, html: res.text, main, order };
}

describe('minutes print page', () => {
  it('is a Danish page with one h1 and the SPEC content in order', async () => {
    const { html, main, order, res } = await printOf('approved');
    expect(html).toMatch(/<html lang="da">/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(/<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1]).toBe(`Referat: ${TITLE}`);
    expectInOrder(visibleText(main), order);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${FILE_SLUG}.html"`);
  });

  it('escapes user text: no element from it, the visible text exactly as typed', async () => {
    const { html, main } = await printOf('approved');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>/);
    expect(main).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
    const text = visibleText(main);
    expect(text).toContain(ESCAPE);
    expect(text).toContain(STRUCTURE_LINES.join('\n')); // kept as lines of one text block
  });

  it('marks a draft UDKAST, and an approved referat names its approvers instead', async () => {
    const draft = await printOf('draft');
    expect(visibleText(draft.main)).toMatch(/^\s*UDKAST – ikke godkendt af alle parter/);
    expect(/<title>([^<]*)<\/title>/.exec(draft.html)?.[1]).toBe(`Referat: ${TITLE} (UDKAST)`);
    expect(visibleText(draft.main)).toContain('FOA: ikke godkendt');
    const approved = await printOf('approved');
    expect(approved.html).not.toContain('UDKAST');
    expect(visibleText(approved.main)).toMatch(/FOA: godkendt af Hanne M\. Petersen fredag 12\. juni 2026 kl\. 10\.30/);
  });

  it('shows all items of a 100-item meeting', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId, titles } = await bigMeeting(db, 100);
    const res = await reader.agent.get(`/meetings/${meetingId}/minutes/print`);
    expect(res.status).toBe(200);
    const h3 = [...res.text.matchAll(/<h3>([\s\S]*?)<\/h3>/g)].map((m) => visibleText(m[1]));
    expect(h3).toEqual(titles.map((t, i) => `${i + 1}. ${t} (Orientering)`));
  }, 20_000);
});
