// Turns an audit entry's before/after snapshots into the list of fields that changed.

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const IGNORED = new Set(['sort_key', 'search_key', 'updated_at']);

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value = JSON.parse(json);
    return value && typeof value === 'object' ? value : { værdi: value };
  } catch {
    return {};
  }
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function auditChanges(before: string | null, after: string | null): FieldChange[] {
  const b = parse(before);
  const a = parse(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !IGNORED.has(f));
  return fields
    .filter((f) => show(b[f]) !== show(a[f]))
    .map((f) => ({ field: f, before: show(b[f]), after: show(a[f]) }));
}
