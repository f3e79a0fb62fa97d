import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source.js';
import { MIGRATIONS } from '../migrations/index.js';
import { MIGRATION_LOCK } from '../prepare-database.js';
import { ArchiveError, readArchive, type ArchiveEntry } from './archive.js';
import { megabytes, seconds } from './backup.js';
import { MANIFEST_ENTRY, migrationName, migrationsToRestore, parseManifest, SECRET_ENTRY, UPLOAD_NAME, type Manifest } from './manifest.js';
import { ident, sessionWithoutTimeouts } from './sql.js';

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const CHUNK_PATH = /^data\/([a-z_][a-z0-9_]{0,62})\/(\d{6})\.copy$/;

/** The target is not empty, or not a CTLP database: refused before anything is written. */
export class RestoreRefused extends Error {}

export interface VerifiedArchive {
  file: string;
  manifest: Manifest;
  /** How many of this code's migrations the archive's schema has. */
  atArchive: number;
}

interface Seen {
  bytes: number;
  hash: ReturnType<typeof createHash>;
  chunks: number;
}

function seen(): Seen {
  return { bytes: 0, hash: createHash('sha256'), chunks: 0 };
}

async function readAll(entry: ArchiveEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of entry.body()) parts.push(part);
  return Buffer.concat(parts);
}

/**
 * Reads the whole archive once and proves it whole: every entry expected, in order, with the size
 * and SHA-256 the manifest gives, the manifest last, the gzip and tar ends where they belong, and a
 * schema this code can restore. Writes nothing; a damaged archive is refused here.
 */
export async function verifyArchive(file: string): Promise<VerifiedArchive> {
  const tables = new Map<string, Seen>();
  const uploads = new Map<string, Seen>();
  let secret: Seen | undefined;
  let manifestText: string | undefined;
  let currentTable: string | undefined;
  for await (const entry of readArchive(file)) {
    if (manifestText !== undefined) throw new ArchiveError(`The archive holds ${entry.path} after its manifest.`);
    const chunk = CHUNK_PATH.exec(entry.path);
    let into: Seen;
    if (entry.path === MANIFEST_ENTRY) {
      if (entry.size > MAX_MANIFEST_BYTES) throw new ArchiveError('The archive manifest is implausibly large.');
      manifestText = (await readAll(entry)).toString('utf8');
      continue;
    } else if (chunk) {
      const [, table, index] = chunk as unknown as [string, string, string];
      if (table !== currentTable && tables.has(table)) throw new ArchiveError(`The archive's rows of ${table} are not together.`);
      currentTable = table;
      if (!tables.has(table)) tables.set(table, seen());
      into = tables.get(table)!;
      if (Number(index) !== into.chunks) throw new ArchiveError(`The archive's rows of ${table} are out of order at ${entry.path}.`);
      into.chunks++;
    } else if (entry.path.startsWith('uploads/') && UPLOAD_NAME.test(entry.path.slice('uploads/'.length))) {
      const name = entry.path.slice('uploads/'.length);
      if (uploads.has(name)) throw new ArchiveError(`The archive holds ${entry.path} twice.`);
      into = seen();
      uploads.set(name, into);
    } else if (entry.path === SECRET_ENTRY) {
      if (secret) throw new ArchiveError(`The archive holds ${entry.path} twice.`);
      into = secret = seen();
    } else {
      throw new ArchiveError(`The archive holds an entry a CTLP backup never has: ${entry.path}`);
    }
    for await (const part of entry.body()) {
      into.hash.update(part);
      into.bytes += part.length;
    }
  }
  if (manifestText === undefined) throw new ArchiveError('The archive has no manifest: it is not a complete CTLP backup.');
  const manifest = parseManifest(manifestText);
  const matches = (what: string, found: Seen | undefined, expected: { bytes: number; sha256: string }) => {
    if (!found) throw new ArchiveError(`The archive lacks ${what}, which its manifest lists.`);
    if (found.bytes !== expected.bytes || found.hash.digest('hex') !== expected.sha256) {
      throw new ArchiveError(`${what} in the archive does not match its manifest (damaged or altered).`);
    }
  };
  for (const table of manifest.tables) {
    const found = tables.get(table.name) ?? (table.bytes === 0 && table.chunks === 0 ? seen() : undefined);
    if (found && found.chunks !== table.chunks)
      throw new ArchiveError(`The rows of ${table.name} are incomplete (${found.chunks} of ${table.chunks} pieces).`);
    matches(`the rows of ${table.name}`, found, table);
    tables.delete(table.name);
  }
  for (const upload of manifest.uploads) {
    matches(`uploads/${upload.name}`, uploads.get(upload.name), upload);
    uploads.delete(upload.name);
  }
  if (manifest.sessionSecret) matches('the session secret', secret, manifest.sessionSecret);
  else if (secret) throw new ArchiveError('The archive holds a session secret its manifest does not list.');
  const extra = [...[...tables.keys()].map((t) => `rows of ${t}`), ...[...uploads.keys()].map((u) => `uploads/${u}`)];
  if (extra.length) throw new ArchiveError(`The archive holds entries its manifest does not list: ${extra.join(', ')}.`);
  const { atArchive } = migrationsToRestore(manifest, MIGRATIONS.map(migrationName));
  return { file, manifest, atArchive };
}

/**
 * A restore writes into an empty DATA_DIR only: no uploaded file (they would mix with the
 * archive's), and no session secret other than the archive's.
 */
export async function checkTargetFolder(manifest: Manifest, dataDir: string): Promise<void> {
  const uploads = await readdir(path.join(dataDir, 'uploads')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (uploads.length) throw new RestoreRefused(`${path.join(dataDir, 'uploads')} already holds files: restore into a fresh DATA_DIR.`);
  if (manifest.sessionSecret) {
    const current = await readFile(path.join(dataDir, 'session-secret')).catch(() => undefined);
    if (current && createHash('sha256').update(current).digest('hex') !== manifest.sessionSecret.sha256) {
      throw new RestoreRefused(
        `${path.join(dataDir, 'session-secret')} holds another secret than the archive's: restore into a fresh DATA_DIR.`,
      );
    }
  }
}

const TARGET_TABLES = `
  SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
   GROUP BY c.relname`;

/** Refuses a database that holds any row (the migrations table aside) or a schema past the archive's. */
async function checkTargetDatabase(client: pg.Client, manifest: Manifest): Promise<void> {
  const tables = (await client.query<{ name: string }>(TARGET_TABLES)).rows.map((t) => t.name);
  if (!tables.length) return;
  if (!tables.includes('migrations')) {
    throw new RestoreRefused(
      `The target database has tables (${tables.slice(0, 5).join(', ')}, …) but no CTLP migrations: restore into an empty database.`,
    );
  }
  const applied = (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((m) => m.name);
  const archived = manifest.migrations.map((m) => m.name);
  if (applied.some((name, index) => archived[index] !== name)) {
    throw new RestoreRefused(
      `The target database is migrated further than the archive (${applied.at(-1)} against ${archived.at(-1)}): restore into an empty database.`,
    );
  }
  const withRows = [];
  for (const table of tables.filter((t) => t !== 'migrations')) {
    const { rowCount } = await client.query(`SELECT 1 FROM public.${ident(table)} LIMIT 1`);
    if (rowCount) withRows.push(table);
  }
  if (withRows.length) {
    throw new RestoreRefused(
      `The target database already holds data (${withRows.slice(0, 5).join(', ')}${withRows.length > 5 ? ', …' : ''}): restore into an empty database or a fresh DATA_DIR.`,
    );
  }
}

async function migrate(databaseUrl: string, count: number): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, { poolSize: 2 }), migrations: MIGRATIONS.slice(0, count) });
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

interface Definition {
  table: string;
  name: string;
  definition: string;
}

/**
 * The indexes and keys of the tables being loaded, as PostgreSQL prints them back: dropped before
 * the load and built again after it, which sorts each index once instead of inserting five million
 * random keys into it, and checks each foreign key with one join instead of one probe per row.
 */
async function keysAndIndexes(client: pg.Client, tables: string[]) {
  const oids = tables.map((t) => `public.${ident(t)}`);
  const constraints = await client.query<Definition & { type: string }>(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition, c.contype AS type
       FROM pg_constraint c
      WHERE (c.contype IN ('p', 'u', 'x') AND c.conrelid = ANY($1::regclass[]))
         OR (c.contype = 'f' AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[])))
      ORDER BY c.conrelid::regclass::text, c.conname`,
    [oids],
  );
  const indexes = await client.query<Definition>(
    `SELECT i.indrelid::regclass::text AS "table", x.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`,
    [oids],
  );
  return {
    keys: constraints.rows.filter((c) => c.type !== 'f'),
    foreignKeys: constraints.rows.filter((c) => c.type === 'f'),
    indexes: indexes.rows,
  };
}

async function userTriggers(client: pg.Client, tables: string[]) {
  const { rows } = await client.query<{ table: string; name: string; enabled: string }>(
    `SELECT t.tgrelid::regclass::text AS "table", t.tgname AS name, t.tgenabled AS enabled
       FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgrelid = ANY($1::regclass[])`,
    [tables.map((t) => `public.${ident(t)}`)],
  );
  return rows;
}

const ENABLE: Record<string, string> = { O: 'ENABLE', A: 'ENABLE ALWAYS', R: 'ENABLE REPLICA' };

export interface RestoreOptions {
  databaseUrl: string;
  dataDir: string;
  log?: (line: string) => void;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  uploads: number;
  /** Migrations newer than the archive, applied after the load. */
  newerMigrations: string[];
  skippedTables: string[];
}

/**
 * Restores a verified archive into an empty database and DATA_DIR: the migrations the archive was
 * taken at, then in one transaction every table loaded with COPY (user triggers off, so the report
 * summary arrives as it was and is not counted twice; keys and indexes built after the rows), the
 * sequences set (a certificate serial is never issued twice), the row counts checked against the
 * manifest; then the uploaded files and secret, then any newer migrations.
 */
export async function restoreArchive(archive: VerifiedArchive, options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? (() => undefined);
  const { manifest } = archive;
  await checkTargetFolder(manifest, options.dataDir);

  const lock = new pg.Client({ connectionString: options.databaseUrl, application_name: 'ctlp-restore' });
  await lock.connect();
  const staging = path.join(options.dataDir, `uploads.restoring-${process.pid}`);
  try {
    await sessionWithoutTimeouts(lock);
    // Held for the whole restore: an API started meanwhile waits, as for another replica's migrations.
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await checkTargetDatabase(lock, manifest);

    let started = performance.now();
    const applied = await migrate(options.databaseUrl, archive.atArchive);
    log(
      `Schema: ${manifest.migrations.length} migrations as in the archive${applied.length ? ` (${applied.length} applied)` : ''} (${seconds(started)})`,
    );

    started = performance.now();
    const loaded = await load(archive, options.databaseUrl, staging, log);
    log(`Data loaded, keys and indexes built, row counts checked (${seconds(started)})`);

    if (loaded.uploads > 0) {
      const uploads = path.join(options.dataDir, 'uploads');
      await rmdir(uploads).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(staging, uploads);
    }
    if (loaded.secret) {
      await mkdir(options.dataDir, { recursive: true });
      await writeFile(path.join(options.dataDir, 'session-secret'), loaded.secret, { mode: 0o600 });
    }

    started = performance.now();
    const newerMigrations = await migrate(options.databaseUrl, MIGRATIONS.length);
    if (newerMigrations.length) log(`Migrations newer than the archive: ${newerMigrations.join(', ')} (${seconds(started)})`);

    started = performance.now();
    await lock.query('ANALYZE');
    log(`Statistics gathered (${seconds(started)})`);
    return { tables: loaded.tables, rows: loaded.rows, uploads: loaded.uploads, newerMigrations, skippedTables: loaded.skippedTables };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

async function load(archive: VerifiedArchive, databaseUrl: string, staging: string, log: (line: string) => void) {
  const { manifest } = archive;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'ctlp-restore' });
  await client.connect();
  try {
    await sessionWithoutTimeouts(client);
    await client.query('BEGIN');
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);

    const target = new Map((await client.query<{ name: string; columns: string[] }>(TARGET_TABLES)).rows.map((t) => [t.name, t.columns]));
    const skippedTables: string[] = [];
    for (const table of manifest.tables) {
      const columns = target.get(table.name);
      if (!columns) {
        skippedTables.push(table.name);
        log(`Skipped ${table.name} (${table.rows} rows): not a table of the CTLP schema.`);
        continue;
      }
      const missing = table.columns.filter((c) => !columns.includes(c));
      if (missing.length) throw new RestoreRefused(`${table.name} in the archive has columns the schema lacks: ${missing.join(', ')}.`);
    }
    const loading = manifest.tables.map((t) => t.name).filter((name) => target.has(name));
    for (const name of target.keys()) {
      if (name !== 'migrations' && !manifest.tables.some((t) => t.name === name))
        log(`Note: ${name} is not in the archive and stays empty.`);
    }

    const { keys, foreignKeys, indexes } = await keysAndIndexes(client, loading);
    const triggers = await userTriggers(client, loading);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${ident(fk.name)}`);
    for (const key of keys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${ident(key.name)}`);
    for (const index of indexes) await client.query(`DROP INDEX public.${ident(index.name)}`);
    for (const trigger of triggers) await client.query(`ALTER TABLE ${trigger.table} DISABLE TRIGGER ${ident(trigger.name)}`);
    // Emptied in this transaction, the tables take COPY … FREEZE: rows written frozen, no later
    // rewrite by VACUUM.
    if (loading.length) await client.query(`TRUNCATE ${loading.map((t) => `public.${ident(t)}`).join(', ')}`);

    const rows = new Map<string, number>();
    let uploads = 0;
    let secret: Buffer | undefined;
    const entries = readArchive(archive.file)[Symbol.asyncIterator]();
    const next = async () => {
      const result = await entries.next();
      return result.done ? undefined : result.value;
    };
    let entry = await next();
    while (entry) {
      const chunk = CHUNK_PATH.exec(entry.path);
      if (chunk) {
        const tableName = chunk[1]!;
        const table = manifest.tables.find((t) => t.name === tableName)!;
        const hash = createHash('sha256');
        const first: ArchiveEntry = entry;
        // The table's pieces, one after the other, as one COPY stream; the entry after them is
        // handed back to the loop.
        async function* pieces(): AsyncGenerator<Buffer> {
          let current: ArchiveEntry | undefined = first;
          while (current && CHUNK_PATH.exec(current.path)?.[1] === tableName) {
            for await (const part of current.body()) {
              hash.update(part);
              yield part;
            }
            current = await next();
          }
          entry = current;
        }
        const started = performance.now();
        if (loading.includes(tableName)) {
          const copy = client.query(
            copyFrom(`COPY public.${ident(tableName)} (${table.columns.map(ident).join(', ')}) FROM STDIN WITH (FREEZE)`),
          );
          await pipeline(pieces(), copy);
          rows.set(tableName, copy.rowCount);
          log(`  ${tableName}: ${copy.rowCount.toLocaleString('en')} rows, ${megabytes(table.bytes)} (${seconds(started)})`);
        } else {
          for await (const part of pieces()) void part;
        }
        if (hash.digest('hex') !== table.sha256) throw new ArchiveError(`The rows of ${tableName} changed since the archive was checked.`);
        continue;
      }
      if (entry.path.startsWith('uploads/')) {
        const name = entry.path.slice('uploads/'.length);
        const expected = manifest.uploads.find((u) => u.name === name)!;
        await mkdir(staging, { recursive: true });
        const hash = createHash('sha256');
        const body = entry.body();
        await pipeline(
          async function* () {
            for await (const part of body) {
              hash.update(part);
              yield part;
            }
          },
          createWriteStream(path.join(staging, name), { flags: 'wx', mode: 0o600 }),
        );
        if (hash.digest('hex') !== expected.sha256) throw new ArchiveError(`uploads/${name} changed since the archive was checked.`);
        uploads++;
      } else if (entry.path === SECRET_ENTRY) {
        secret = await readAll(entry);
      }
      entry = await next();
    }

    for (const table of manifest.tables) {
      if (!loading.includes(table.name)) continue;
      const count = rows.get(table.name) ?? 0;
      if (count !== table.rows) throw new ArchiveError(`${table.name}: ${count} rows loaded where the manifest says ${table.rows}.`);
    }

    for (const sequence of manifest.sequences) {
      const { rowCount } = await client.query(
        `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1 AND c.relkind = 'S'`,
        [sequence.name],
      );
      if (!rowCount) {
        log(`Skipped sequence ${sequence.name}: not in the CTLP schema.`);
        continue;
      }
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
        `public.${ident(sequence.name)}`,
        sequence.value,
        sequence.isCalled,
      ]);
    }

    const started = performance.now();
    for (const key of keys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${ident(key.name)} ${key.definition}`);
    for (const index of indexes) await client.query(index.definition);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
    for (const trigger of triggers)
      await client.query(`ALTER TABLE ${trigger.table} ${ENABLE[trigger.enabled] ?? 'ENABLE'} TRIGGER ${ident(trigger.name)}`);
    log(`  keys, indexes and foreign keys: ${keys.length + indexes.length + foreignKeys.length} built (${seconds(started)})`);
    await client.query('COMMIT');
    const total = [...rows.values()].reduce((a, b) => a + b, 0);
    return { tables: loading.length, rows: total, uploads, secret, skippedTables };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
