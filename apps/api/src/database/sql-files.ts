import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';

/**
 * SQL that lives in the database — functions, triggers, views — is written in versioned files
 * under `src/database/sql/<family>/v<N>.sql` (copied beside the build), each one complete and
 * re-runnable (`CREATE OR REPLACE`, `DROP TRIGGER IF EXISTS` then `CREATE TRIGGER`). A migration
 * applies one version with `sqlFile('<family>/v<N>.sql')`. To change a definition, copy the newest
 * version to the next number, edit it, and add a migration that applies it: migrations already
 * run keep reading the version they were written for, and `npm run db:migration:check` fails when
 * the newest version of a family differs from what the migrations put in the database.
 */
const SQL_DIR = fileURLToPath(new URL('./sql/', import.meta.url));

export function sqlFile(name: string): string {
  return readFileSync(`${SQL_DIR}${name}`, 'utf8');
}

/** The newest version of each family, e.g. `report-summary/v2.sql`. */
export function latestSqlFiles(): string[] {
  let families: string[];
  try {
    families = readdirSync(SQL_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return families.sort().flatMap((family) => {
    const versions = readdirSync(`${SQL_DIR}${family}`)
      .map((file) => /^v(\d+)\.sql$/.exec(file)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    return versions.length ? [`${family}/v${versions.at(-1)}.sql`] : [];
  });
}

/** Every function, trigger and view of the public schema, by name, as PostgreSQL prints it back. */
const DEFINITIONS = `
  SELECT 'function ' || p.oid::regprocedure::text AS name, pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass::text, pg_get_triggerdef(t.oid)
    FROM pg_trigger t WHERE NOT t.tgisinternal
  UNION ALL
  SELECT 'view ' || c.oid::regclass::text, pg_get_viewdef(c.oid)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'v'`;

/**
 * What running the newest SQL files would change in a migrated database: nothing, when every
 * edit of a file came with a migration that applies it. Runs them in a transaction it rolls back.
 */
export async function sqlDrift(dataSource: DataSource): Promise<string[]> {
  const files = latestSqlFiles();
  if (!files.length) return [];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const read = async () =>
      new Map(((await runner.query(DEFINITIONS)) as Array<{ name: string; definition: string }>).map((row) => [row.name, row.definition]));
    const before = await read();
    for (const file of files) await runner.query(sqlFile(file));
    const after = await read();
    const changed: string[] = [];
    for (const [name, definition] of after) {
      if (!before.has(name)) changed.push(`${name} is defined by the SQL files but by no migration`);
      else if (before.get(name) !== definition) changed.push(`${name} differs from what the migrations applied`);
    }
    return changed.map((line) => `${line} (newest files: ${files.join(', ')})`);
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
