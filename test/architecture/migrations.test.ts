// Migrations are frozen: each imports nothing but kysely, so a change elsewhere in the code can
// never change what a landed migration does.
import fs from 'node:fs';
import path from 'node:path';
import { STATEMENTS } from '../../migrations/0005_search';
import { STATEMENTS as PG_STATEMENTS } from '../../migrations/postgres/0005_search';
import { createIndexStatements, fillStatements, triggerStatements } from '../../server/search/fts';
import * as pg from '../../server/search/pg';

const DIR = path.resolve(__dirname, '..', '..', 'migrations');

describe('migrations', () => {
  const files = fs.readdirSync(DIR).filter((f) => /^\d{4}_.+\.ts$/.test(f));
  const postgresFiles = fs.readdirSync(path.join(DIR, 'postgres')).map((f) => `postgres/${f}`);

  it.each([...files, ...postgresFiles])('%s imports nothing but kysely', (file) => {
    const source = fs.readFileSync(path.join(DIR, file), 'utf8');
    const imports = [...source.matchAll(/(?:^|\n)\s*import\s[^;]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(imports.filter((i) => i !== 'kysely')).toEqual([]);
  });

  it('are all listed in migrations/index.ts, in order', () => {
    const index = fs.readFileSync(path.join(DIR, 'index.ts'), 'utf8');
    const listed = [...index.matchAll(/^\s*'(\d{4}_[a-z_]+)': m\d{4},$/gm)].map((m) => m[1]);
    expect(listed).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('0005 still creates the search index that server/search/fts.ts describes (else: a new migration)', () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(STATEMENTS.map(squash)).toEqual([...createIndexStatements(), ...triggerStatements(), ...fillStatements()].map(squash));
  });

  it("PostgreSQL's 0005 still creates the search index that server/search/pg.ts describes", () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(PG_STATEMENTS.map(squash)).toEqual([...pg.createIndexStatements(), ...pg.triggerStatements(), ...pg.fillStatements()].map(squash));
  });

  it('a PostgreSQL variant stands in for a migration of the same name', () => {
    for (const file of postgresFiles) expect(files).toContain(path.basename(file));
  });
});
