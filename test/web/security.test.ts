import request from 'supertest';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as [string, string];
      }),
  );
}

describe('security headers', () => {
  it('sends a strict Content-Security-Policy on every page', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    for (const res of [await request(app).get('/login'), await user.agent.get('/people'), await request(app).get('/healthz')]) {
      const csp = res.headers['content-security-policy'];
      expect(csp).toBeDefined();
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      const d = directives(csp);
      expect(d.get('default-src')).toBe("'self'");
      expect(d.get('script-src')).toBe("'self'");
      expect(d.get('style-src')).toBe("'self'");
      expect(d.get('base-uri')).toBe("'none'");
      expect(d.get('frame-ancestors')).toBe("'none'");
      expect(d.get('object-src')).toBe("'none'");
      expect(d.get('form-action')).toBe("'self'");
    }
  });

  it('sends the other helmet headers and no X-Powered-By', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/setup');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('marks signed-in pages Cache-Control: no-store, but lets static files be cached', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    for (const url of ['/', '/people', '/profile', '/partnerships/1']) {
      const res = await user.agent.get(url);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const css = await user.agent.get('/public/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).not.toContain('no-store');
  });

  it('has no inline script or style on the pages', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'admin');
    for (const url of ['/', '/people', '/people/new', '/organisations', '/partnerships/1', '/admin/users', '/admin/audit', '/profile']) {
      const html = (await user.agent.get(url)).text;
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/<style/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });
});

describe('CSRF', () => {
  it('refuses a POST without the token with a 403 page that explains what to do', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const res = await user.agent.post('/organisations').type('form').send({ name: 'Uden Nøgle', kind: 'forening' });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<h1>Ingen adgang</h1>');
    expect(res.text).toContain('Formularen er udløbet eller ugyldig. Gå tilbage, genindlæs siden og prøv igen.');
    expect(await db.selectFrom('organisations').select('id').where('name', '=', 'Uden Nøgle').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a token from another session', async () => {
    const { app, db } = await testApp();
    const a = await signedIn(app, db, 'konsulent');
    const b = await signedIn(app, db, 'konsulent');
    expect(a.csrf).not.toBe(b.csrf);
    const res = await a.agent.post('/organisations').type('form').send({ _csrf: b.csrf, name: 'Lånt Nøgle', kind: 'forening' });
    expect(res.status).toBe(403);
    expect(await db.selectFrom('organisations').select('id').where('name', '=', 'Lånt Nøgle').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a logout without the token', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    expect((await user.agent.post('/logout').type('form').send({})).status).toBe(403);
    expect((await user.agent.get('/')).status).toBe(200);
  });
});
