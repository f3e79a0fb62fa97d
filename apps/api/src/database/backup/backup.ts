import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { REFERENCED_UPLOADS_SQL, UploadStore } from '../../common/upload-store.js';
import type { AppConfig } from '../../config/app-config.js';
import { MIGRATIONS } from '../migrations/index.js';
import { ArchiveWriter } from './archive.js';
import {
  appVersion,
  chunkEntry,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  migrationName,
  SECRET_ENTRY,
  TABLE_NAME,
  UPLOAD_NAME,
  uploadEntry,
  type Manifest,
  type ManifestTable,
} from './manifest.js';
import { ident, sessionWithoutTimeouts } from './sql.js';

/** COPY text per archive entry: bounds the memory a backup holds, whatever the table's size. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** gzip level 1: on the bench database's 915 MB of COPY text, 9.7 s and 203 MB; level 6 takes 21.4 s for 193 MB. */
const GZIP_LEVEL = 1;

export interface BackupOptions {
  databaseUrl: string;
  dataDir: string;
  /** A file to create (refused if it exists), or a stream such as stdout. */
  output: string | Writable;
  log?: (line: string) => void;
}

export interface BackupResult {
  manifest: Manifest;
  /** Size of the archive written, in bytes. */
  bytes: number;
}

const TABLES = `
  SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
   WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'migrations'
   GROUP BY c.relname
   ORDER BY c.relname`;

const SEQUENCES = `
  SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`;

async function* hashing(source: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * One consistent archive of the platform: every table of the public schema as COPY text, read in
 * one REPEATABLE READ transaction (one snapshot: the report summary agrees with the rows it
 * summarises, certificates with their enrolments), the sequences, the uploaded files and the
 * development session secret, then a manifest with the migrations, row counts and checksums.
 * Streams throughout: memory stays at a few chunks whatever the database's size.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const log = options.log ?? (() => undefined);
  const toFile = typeof options.output === 'string' ? options.output : undefined;
  const partial = toFile ? `${toFile}.part` : undefined;
  let sink: Writable;
  if (toFile) {
    const taken = await stat(toFile).then(
      () => true,
      () => false,
    );
    if (taken) throw new Error(`${toFile} exists already; choose another name.`);
    // 'wx': never two backups into one file; 0600: it holds password hashes and the session secret.
    const handle = await open(partial!, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST'
        ? new Error(`${partial} exists: another backup is writing it, or one was interrupted (delete it).`)
        : error;
    });
    await handle.close();
    sink = createWriteStream(partial!, { flags: 'r+' });
  } else {
    sink = options.output as Writable;
  }

  let bytes = 0;
  const gzip = createGzip({ level: GZIP_LEVEL });
  gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const written = pipeline(gzip, sink, { end: Boolean(toFile) });
  written.catch(() => undefined); // observed below; an early failure must not go unhandled meanwhile

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'ctlp-backup' });
  try {
    await client.connect();
    await sessionWithoutTimeouts(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The first statement takes the snapshot that every later one reads.
    const {
      rows: [{ exists }],
    } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public.migrations') IS NOT NULL AS exists`);
    if (!exists) throw new Error('The database has no migrations table: it holds no CTLP schema to back up.');
    const migrations = (
      await client.query<{ timestamp: string; name: string }>('SELECT "timestamp"::text, name FROM migrations ORDER BY id')
    ).rows.map((m) => ({ timestamp: Number(m.timestamp), name: m.name }));
    const known = new Set(MIGRATIONS.map(migrationName));
    const unknown = migrations.filter((m) => !known.has(m.name)).map((m) => m.name);
    if (unknown.length)
      log(`Note: the database has migrations this CTLP does not know (${unknown.join(', ')}); restore it with a CTLP that has them.`);
    const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const tables = (await client.query<{ name: string; columns: string[] }>(TABLES)).rows;
    const odd = tables.filter((t) => !TABLE_NAME.test(t.name)).map((t) => t.name);
    if (odd.length) throw new Error(`Tables with names a CTLP schema never has (${odd.join(', ')}): rename or drop them first.`);

    // Sequences are not transactional: read now, their values are at least those of every row
    // this snapshot sees, so a restored sequence never hands out a value that is taken.
    const sequences: Manifest['sequences'] = [];
    for (const { name } of (await client.query<{ name: string }>(SEQUENCES)).rows) {
      const [row] = (
        await client.query<{ value: string; is_called: boolean }>(`SELECT last_value::text AS value, is_called FROM public.${ident(name)}`)
      ).rows;
      sequences.push({ name, value: row!.value, isCalled: row!.is_called });
    }

    const writer = new ArchiveWriter(gzip);

    // Files next, close to the snapshot: a file deleted during the long table copy is still here.
    // Every placed file, and a file a lesson (or cover) of this snapshot names that is still `<id>.part`
    // (its transaction committed; the move into place had not happened yet, or a crash stopped it).
    const uploads: Manifest['uploads'] = [];
    const store = new UploadStore({ dataDir: options.dataDir } as AppConfig);
    const referenced = new Set(
      (await client.query<{ name: string }>(`SELECT name FROM (${REFERENCED_UPLOADS_SQL}) referenced WHERE name IS NOT NULL`)).rows.map(
        (row) => row.name,
      ),
    );
    const listed = (await store.list())
      .filter((entry) => entry.placed || referenced.has(entry.storedName))
      .map((entry) => entry.storedName);
    for (const name of [...new Set([...listed, ...referenced])].sort()) {
      const file = UPLOAD_NAME.test(name) ? await store.read(name) : undefined;
      if (!file) {
        if (referenced.has(name))
          log(
            `Warning: a lesson or a course cover names the uploaded file ${name}, which is not in ${path.join(options.dataDir, 'uploads')}.`,
          );
        continue;
      }
      const hash = createHash('sha256');
      try {
        await writer.addStream(uploadEntry(name), file.size, hashing(file.stream, hash));
      } finally {
        file.stream.destroy();
      }
      uploads.push({ name, bytes: file.size, sha256: hash.digest('hex') });
    }

    const archived: ManifestTable[] = [];
    for (const table of tables) {
      const started = performance.now();
      const columns = table.columns.map(ident).join(', ');
      const stream = client.query(copyTo(`COPY public.${ident(table.name)} (${columns}) TO STDOUT`));
      const hash = createHash('sha256');
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let total = 0;
      let chunks = 0;
      const flush = async () => {
        await writer.addBuffer(chunkEntry(table.name, chunks++), Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      };
      for await (const data of stream as AsyncIterable<Buffer>) {
        hash.update(data);
        pending.push(data);
        pendingBytes += data.length;
        total += data.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      if (pendingBytes > 0) await flush();
      archived.push({ name: table.name, columns: table.columns, rows: stream.rowCount, bytes: total, chunks, sha256: hash.digest('hex') });
      log(`  ${table.name}: ${stream.rowCount.toLocaleString('en')} rows, ${megabytes(total)} (${seconds(started)})`);
    }
    await client.query('COMMIT');

    let sessionSecret: Manifest['sessionSecret'] = null;
    const secret = await readFile(path.join(options.dataDir, 'session-secret')).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (secret) {
      await writer.addBuffer(SECRET_ENTRY, secret);
      sessionSecret = { bytes: secret.length, sha256: createHash('sha256').update(secret).digest('hex') };
    }

    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      appVersion: appVersion(),
      postgres,
      migrations,
      tables: archived,
      sequences,
      uploads,
      sessionSecret,
    };
    await writer.addBuffer(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await writer.finish();
    gzip.end();
    await written;
    if (toFile) {
      const handle = await open(partial!, 'r+');
      await handle.sync();
      await handle.close();
      await rename(partial!, toFile);
    }
    return { manifest, bytes };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    if (partial) await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
