import { auditChanges } from '../../server/admin/audit-diff';

describe('auditChanges', () => {
  it('lists only the fields that changed, with before and after as text', () => {
    const before = JSON.stringify({ name: 'Hanne', title: 'Formand', active: 1, organisation_id: 2 });
    const after = JSON.stringify({ name: 'Hanne', title: 'Afdelingsformand', active: 0, organisation_id: 2 });
    expect(auditChanges(before, after)).toEqual([
      { field: 'title', before: 'Formand', after: 'Afdelingsformand' },
      { field: 'active', before: '1', after: '0' },
    ]);
  });

  it('shows every field of a creation, and of a deletion', () => {
    expect(auditChanges(null, JSON.stringify({ name: 'FOA', kind: 'fagforening' }))).toEqual([
      { field: 'name', before: '', after: 'FOA' },
      { field: 'kind', before: '', after: 'fagforening' },
    ]);
    expect(auditChanges(JSON.stringify({ name: 'FOA' }), null)).toEqual([{ field: 'name', before: 'FOA', after: '' }]);
  });

  it('leaves out the keys kept for sorting and searching, and the update time', () => {
    const before = JSON.stringify({ name: 'Aase', sort_key: 'åse', search_key: 'aase', updated_at: '2026-01-01' });
    const after = JSON.stringify({ name: 'Åse', sort_key: 'åse2', search_key: 'åse', updated_at: '2026-02-01' });
    expect(auditChanges(before, after)).toEqual([{ field: 'name', before: 'Aase', after: 'Åse' }]);
  });

  it('treats null and a missing field alike, and shows objects as JSON', () => {
    expect(auditChanges(JSON.stringify({ email: null }), JSON.stringify({}))).toEqual([]);
    expect(auditChanges(JSON.stringify({ tags: [1] }), JSON.stringify({ tags: [1, 2] }))).toEqual([{ field: 'tags', before: '[1]', after: '[1,2]' }]);
  });

  it('copes with snapshots that are not objects or not JSON', () => {
    expect(auditChanges('ikke json', JSON.stringify({ name: 'X' }))).toEqual([{ field: 'name', before: '', after: 'X' }]);
    expect(auditChanges(null, '42')).toEqual([{ field: 'værdi', before: '', after: '42' }]);
    expect(auditChanges(null, null)).toEqual([]);
  });
});
