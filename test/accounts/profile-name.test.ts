// /profile: a user changes their own name (the person's name everyone sees), audited; an empty or
// too long name is refused with 422 and the input kept.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { fieldError, fieldValue, flashes } from '../helpers/html';

async function nameOf(db: Awaited<ReturnType<typeof testApp>>['db'], personId: number) {
  return db.selectFrom('people').select(['name', 'sort_key', 'search_key']).where('id', '=', personId).executeTakeFirstOrThrow();
}

describe('/profile: my name', () => {
  it('shows a form with the current name', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const page = await user.agent.get('/profile');
    expect(page.text).toContain('<form method="post" action="/profile/name"');
    expect(fieldValue(page.text, 'name')).toBe('Test laeser ' + /Test laeser (\d+)/.exec(page.text)![1]);
  });

  it('changes the person’s name, shown at once, sortable and searchable, and audited', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const res = await user.post('/profile/name', { name: '  Hanne Marie Petersen ' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile');
    const page = await user.agent.get('/profile');
    expect(flashes(page.text)).toContain('Dit navn er ændret.');
    expect(page.text).toContain('Hanne Marie Petersen');
    expect(await nameOf(db, user.personId)).toEqual({ name: 'Hanne Marie Petersen', sort_key: 'hanne marie petersen', search_key: 'hanne marie petersen afdelingsformand' });
    const [entry] = (await auditOf(db, 'person', user.personId)).filter((e) => e.action === 'update');
    expect(entry.user_id).toBe(user.userId);
    expect(JSON.parse(entry.before!)).toMatchObject({ name: 'Hanne M. Petersen' });
    expect(JSON.parse(entry.after!)).toMatchObject({ name: 'Hanne Marie Petersen' });
  });

  it.each([
    ['', 'Skriv dit navn'],
    ['   ', 'Skriv dit navn'],
    ['x'.repeat(201), 'Højst 200 tegn'],
  ])('refuses %j with 422, keeps the input and the old name', async (name, message) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const before = await nameOf(db, user.personId);
    const res = await user.post('/profile/name', { name });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe(message);
    expect(fieldValue(res.text, 'name')).toBe(name);
    expect(await nameOf(db, user.personId)).toEqual(before);
    expect((await auditOf(db, 'person', user.personId)).filter((e) => e.action === 'update')).toEqual([]);
  });
});
