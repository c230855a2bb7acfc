// The shape of server/: features do not import each other in a circle, reach another feature
// only through its public modules (never its queries.ts), and the shared layers (web, db,
// documents) import no feature. Type-only imports are erased by TypeScript and do not count.
import fs from 'node:fs';
import path from 'node:path';

const SERVER = path.resolve(__dirname, '..', '..', 'server');
const SHARED = new Set(['web', 'db', 'documents']);

interface Edge {
  from: string;
  to: string;
  file: string;
  spec: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The folder under server/ a file belongs to ('' for server/app.ts and friends). */
function folderOf(file: string): string {
  const rel = path.relative(SERVER, file);
  return rel.includes(path.sep) ? rel.split(path.sep)[0] : '';
}

function importsOf(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/g)].map((m) => ({ spec: m[2], typeOnly: !!m[1] }));
}

const edges: Edge[] = [];
for (const file of sourceFiles(SERVER)) {
  for (const { spec, typeOnly } of importsOf(file)) {
    if (typeOnly || !spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec);
    if (!target.startsWith(SERVER + path.sep)) continue;
    const from = folderOf(file);
    const to = folderOf(target + '.ts');
    if (from !== to) edges.push({ from, to, file: path.relative(SERVER, file), spec });
  }
}

/** Folder-level cycles (strongly connected components of more than one folder). */
function cycles(): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    graph.get(e.from)!.add(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the boundaries of server/', () => {
  it('finds the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual(expect.objectContaining({ from: 'meetings', to: 'actions' }));
  });

  it('has no import cycle between folders', () => {
    const found = cycles().map((c) => {
      const inCycle = edges.filter((e) => c.includes(e.from) && c.includes(e.to)).map((e) => `${e.file} → ${e.spec}`);
      return `${c.join(' ↔ ')}:\n  ${inCycle.join('\n  ')}`;
    });
    expect(found).toEqual([]);
  });

  it("reaches another feature only through its public modules, never its queries.ts", () => {
    const intoQueries = edges.filter((e) => /\/queries$/.test(e.spec) && !SHARED.has(e.from)).map((e) => `${e.file} → ${e.spec}`);
    expect(intoQueries).toEqual([]);
  });

  it('keeps the shared layers (web, db, documents) free of feature imports', () => {
    const upward = edges.filter((e) => SHARED.has(e.from) && !SHARED.has(e.to)).map((e) => `${e.file} → ${e.spec}`);
    expect(upward).toEqual([]);
  });
});
