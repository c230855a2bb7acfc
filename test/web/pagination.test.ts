import { PAGE_SIZE, pageRequest, pagination } from '../../server/web/pagination';

describe('pageRequest', () => {
  it('turns the page number into a limit and an offset', () => {
    expect(PAGE_SIZE).toBe(25);
    expect(pageRequest(undefined)).toEqual({ page: 1, limit: 25, offset: 0 });
    expect(pageRequest('3')).toEqual({ page: 3, limit: 25, offset: 50 });
    expect(pageRequest('2', 50)).toEqual({ page: 2, limit: 50, offset: 50 });
  });

  it.each(['abc', '0', '-2', '1.5', '', '99999999', ['2', '3']])('treats %p as the first page', (raw) => {
    expect(pageRequest(raw).page).toBe(1);
  });
});

describe('pagination', () => {
  it('describes the first of several pages', () => {
    expect(pagination(pageRequest('1'), 60, '/people', {})).toEqual({
      page: 1,
      pages: 3,
      total: 60,
      from: 1,
      to: 25,
      prevHref: null,
      nextHref: '/people?page=2',
    });
  });

  it('describes the last page', () => {
    const p = pagination(pageRequest('3'), 60, '/people', {});
    expect(p).toMatchObject({ from: 51, to: 60, prevHref: '/people?page=2', nextHref: null });
  });

  it('keeps the active filters in the links and leaves out empty ones, encoding æøå', () => {
    const p = pagination(pageRequest('2'), 80, '/people', { q: 'ærø & co', kind: 'forening', position: undefined, organisation_id: '' });
    expect(p.nextHref).toBe('/people?q=%C3%A6r%C3%B8+%26+co&kind=forening&page=3');
    expect(p.prevHref).toBe('/people?q=%C3%A6r%C3%B8+%26+co&kind=forening');
  });

  it('handles an empty list and a page past the end', () => {
    expect(pagination(pageRequest('1'), 0, '/people', {})).toMatchObject({ pages: 1, from: 0, to: 0, prevHref: null, nextHref: null });
    const past = pagination(pageRequest('9'), 30, '/people', {});
    expect(past.nextHref).toBeNull();
    expect(past.prevHref).toBe('/people?page=2');
  });
});
