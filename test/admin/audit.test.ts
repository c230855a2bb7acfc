import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { anOrganisation } from '../helpers/factories';
import { pagerText, relHref } from '../helpers/html';

/** The audit table's rows as "who | action | record". */
function entriesShown(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>\s*<td>[^<]*<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) =>
    `${m[1]} | ${m[2]} | ${m[3]}`.replace(/\s+/g, ' ').trim(),
  );
}

const personForm = { name: 'Revisor Rasmussen', title: 'Økonom', organisation_id: '', position: 'andet', email: '', phone: '', active: 'on' };

describe('/admin/audit', () => {
  it('lists changes newest first, with who did them and what changed', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');
    const created = await k.post('/people', personForm);
    const id = created.headers.location.split('/').pop();
    await k.post(`/people/${id}`, { ...personForm, title: 'Revisor' });

    const res = await admin.agent.get('/admin/audit');
    expect(res.status).toBe(200);
    const shown = entriesShown(res.text);
    expect(shown[0]).toMatch(new RegExp(`^Test konsulent \\d+ \\| Ændret \\| Person ${id}$`));
    expect(shown[1]).toMatch(new RegExp(`^Test konsulent \\d+ \\| Oprettet \\| Person ${id}$`));
    expect(res.text).toContain('<li><strong>title</strong>: <del>Økonom</del> → <ins>Revisor</ins></li>');
    expect(shown).toContain('System | Oprettet | Partnerskab 1');
  });

  it('filters by user', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');
    await k.post('/people', personForm);
    await k.post('/organisations', { name: 'Revisionsforeningen', kind: 'forening', description: '', active: 'on' });

    const res = await admin.agent.get('/admin/audit').query({ user_id: String(k.userId) });
    const shown = entriesShown(res.text);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/ \| Oprettet \| Organisation \d+$/);
    expect(shown[1]).toMatch(/ \| Oprettet \| Person \d+$/);
    expect(res.text).toMatch(new RegExp(`<option value="${k.userId}" selected>`));
  });

  it('filters by kind of record, and ignores filters that make no sense', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const res = await admin.agent.get('/admin/audit').query({ entity: 'role' });
    const shown = entriesShown(res.text);
    expect(shown).toHaveLength(8);
    expect(shown.every((row) => /^System \| Oprettet \| Rolle [a-z]+$/.test(row))).toBe(true);
    expect(pagerText(res.text)).toBe('Viser 1–8 af 8');

    const everything = await admin.agent.get('/admin/audit').query({ entity: 'DROP TABLE', user_id: 'abc' });
    expect(everything.status).toBe(200);
    const all = await countRows(db, 'audit_log');
    expect(pagerText(everything.text)).toMatch(new RegExp(`^Viser 1–${Math.min(all, 50)} af ${all}`));
  });

  it('shows 50 entries a page, and the page links keep the filter', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    for (let i = 1; i <= 60; i++) await anOrganisation(db, { name: `Revisionsforening ${i}` });
    const total = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', 'organisation').executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(66);

    const first = await admin.agent.get('/admin/audit').query({ entity: 'organisation' });
    expect(pagerText(first.text)).toBe('Viser 1–50 af 66 · side 1 af 2');
    expect(entriesShown(first.text)).toHaveLength(50);
    expect(first.text).toContain('<ins>Revisionsforening 60</ins>');
    const next = relHref(first.text, 'next')!;
    expect(next).toBe('/admin/audit?entity=organisation&page=2');

    const second = await admin.agent.get(next);
    expect(pagerText(second.text)).toBe('Viser 51–66 af 66 · side 2 af 2');
    const rows = entriesShown(second.text);
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.includes('| Organisation '))).toBe(true);
    expect(relHref(second.text, 'prev')).toBe('/admin/audit?entity=organisation');
  });
});
