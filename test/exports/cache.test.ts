// The export cache serves a file again only for exactly the same content, and stays bounded.
import { RenderCache } from '../../server/exports/cache';

describe('RenderCache', () => {
  it('renders once per content and again when the content changes', async () => {
    const cache = new RenderCache();
    let renders = 0;
    const render = (text: string) => async () => {
      renders++;
      return Buffer.from(text);
    };
    const a = RenderCache.key('pdf', { title: 'Møde', items: [1, 2] });
    expect((await cache.get(a, render('første'))).toString()).toBe('første');
    expect((await cache.get(a, render('anden'))).toString()).toBe('første');
    expect(renders).toBe(1);
    const b = RenderCache.key('pdf', { title: 'Møde', items: [1, 2, 3] });
    expect(b).not.toBe(a);
    expect((await cache.get(b, render('tredje'))).toString()).toBe('tredje');
    expect(RenderCache.key('docx', { title: 'Møde', items: [1, 2] })).not.toBe(a);
  });

  it('drops the least recently used entries beyond its bounds', async () => {
    const cache = new RenderCache(2, 1000);
    let renders = 0;
    const render = async () => {
      renders++;
      return Buffer.alloc(10);
    };
    await cache.get('a', render);
    await cache.get('b', render);
    await cache.get('a', render); // a is used again, so b is the oldest
    await cache.get('c', render);
    await cache.get('a', render);
    expect(renders).toBe(3);
    await cache.get('b', render);
    expect(renders).toBe(4);
  });
});
