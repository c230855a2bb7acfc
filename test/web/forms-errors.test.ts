// What every form shares after a failed submit: the page title says so and the error summary can
// take focus; public/app.js moves focus there (the browser test checks that it does).
import fs from 'node:fs';
import path from 'node:path';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe('a failed submit', () => {
  it('starts the page title with "Fejl: " and gives the error summary an id and tabindex="-1"', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const blank = await k.agent.get('/people/new');
    expect(titleOf(blank.text)).toBe('Ny person · Uldum Samskabelse');
    expect(blank.text).not.toContain('id="fejlopsummering"');

    const res = await k.post('/people', { name: '', position: 'medarbejder' });
    expect(res.status).toBe(422);
    expect(titleOf(res.text)).toBe('Fejl: Ny person · Uldum Samskabelse');
    expect(res.text).toMatch(/<div class="flash flash--error" id="fejlopsummering" tabindex="-1" role="alert">/);
    expect(res.text).toContain('<a href="#f-name">Skriv personens navn</a>');
  });

  it('says "Fejl: " also on a page that re-renders with a form in error (the meeting page)', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = (await db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id;
    const created = await k.post('/meetings', { partnership_id: String(id), title: 'Møde', kind: 'partnerskabsmoede', day: '2026-12-08', start_time: '14:00', end_time: '16:00' });
    const meetingPath = created.headers.location as string;
    const res = await k.post(`${meetingPath}/comments`, { body: '' });
    expect(res.status).toBe(422);
    expect(titleOf(res.text)).toBe('Fejl: Møde · Uldum Samskabelse');
  });

  it('has a script in public/ that focuses the summary (no inline script)', async () => {
    const script = fs.readFileSync(path.join(__dirname, '../../public/app.js'), 'utf8');
    expect(script).toContain("getElementById('fejlopsummering')");
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/people', { name: '' });
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});

describe('a value that is not among the offered options', () => {
  // Checkbox lists and selects send ids or keys; anything else was changed on the way and gets a
  // plain Danish message, not the validator's own wording.
  it.each([
    ['/dilemmas', { title: 'T', pole_a: 'A', pole_b: 'B', status: 'rejst', initiative_ids: 'abc' }, 'initiative_ids', 'Vælg fra listen'],
    ['/learnings', { title: 'T', date: '2026-11-01', outcome: 'virkede', meeting_ids: ['1', '-2'] }, 'meeting_ids', 'Vælg fra listen'],
    ['/initiatives', { title: 'T', kind: 'initiativ', kerneopgaver: 'ÆØÅ!' }, 'kerneopgaver', 'Vælg fra listen'],
    ['/initiatives', { title: 'T', kind: 'initiativ', role_keys: ['medbygger', '<script>'] }, 'role_keys', 'Vælg fra listen'],
    ['/organisations', { name: 'Ny forening', kind: 'forening', active: 'måske' }, 'active', 'Sæt eller fjern fluebenet'],
    ['/people', { name: 'Ny person', position: 'medarbejder', active: 'nej' }, 'active', 'Sæt eller fjern fluebenet'],
  ])('POST %s with %o answers 422 with a Danish message beside the field', async (url, form, field, message) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(url, form as Record<string, string | string[]>);
    expect(res.status).toBe(422);
    expect(new RegExp(`<p class="error" id="f-${field}-error">([^<]*)</p>`).exec(res.text)?.[1]).toBe(message);
  });
});
