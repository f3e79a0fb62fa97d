import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const SRC = path.resolve(import.meta.dirname, '../src');

/** What reaches the database: raw statements, TypeORM's builders and repositories, a manager's writes. */
const DATA_ACCESS = /\.query\s*[<(]|createQueryBuilder\(|getRepository\(|\bmanager\.(?:insert|update|delete|save|find\w*|exists\w*)\(/;

/** Where statements may live: each feature's repository, the database folder (migrations, seeders, CLI) and the SQL helper. */
function allowed(file: string): boolean {
  return file.endsWith('.repository.ts') || file.startsWith(`database${path.sep}`) || file === path.join('common', 'sql.ts');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('data access', () => {
  it('happens in repository files only', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => path.relative(SRC, file))
      .filter((file) => !allowed(file))
      .flatMap((file) =>
        readFileSync(path.join(SRC, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => DATA_ACCESS.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'))
          .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('recognises a statement outside a repository', () => {
    expect(DATA_ACCESS.test(`const rows = await this.dataSource.query('SELECT 1');`)).toBe(true);
    expect(DATA_ACCESS.test(`await manager.getRepository(UserEntity).save(user);`)).toBe(true);
    expect(DATA_ACCESS.test(`const found = await query<Row>(manager, sql\`SELECT 1\`);`)).toBe(false);
    expect(allowed(path.join('courses', 'courses.repository.ts'))).toBe(true);
    expect(allowed(path.join('courses', 'courses.service.ts'))).toBe(false);
  });
});
