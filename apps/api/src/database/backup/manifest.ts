import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationInterface } from 'typeorm';
import { ArchiveError } from './archive.js';

/**
 * What a backup archive holds, written as its last entry (`manifest.json`), with a SHA-256 for
 * every other entry so a restore can prove the archive whole before it touches anything.
 *
 *   uploads/<name>            each uploaded file of DATA_DIR/uploads (placed, or still .part but named by a lesson)
 *   session-secret            DATA_DIR/session-secret, when the platform generated one (development)
 *   data/<table>/<n>.copy     the table's rows in COPY text format, in pieces of at most 8 MiB
 *   manifest.json             this
 */
export const FORMAT = 'ctlp-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const SECRET_ENTRY = 'session-secret';

export interface ManifestTable {
  name: string;
  /** In the order of the COPY data. */
  columns: string[];
  rows: number;
  bytes: number;
  chunks: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  /** Version of @ctlp/api that wrote the archive. */
  appVersion: string;
  /** PostgreSQL server the rows came from (`server_version`). */
  postgres: string;
  /** The migrations table, oldest first: the schema the rows belong to. */
  migrations: Array<{ timestamp: number; name: string }>;
  tables: ManifestTable[];
  /** Every sequence of the public schema (certificate serials among them), as setval takes it. */
  sequences: Array<{ name: string; value: string; isCalled: boolean }>;
  uploads: Array<{ name: string; bytes: number; sha256: string }>;
  sessionSecret: { bytes: number; sha256: string } | null;
}

/** Names that may appear in an archive: identifiers for tables, our own file names for uploads. */
export const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
export const UPLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function chunkEntry(table: string, index: number): string {
  return `data/${table}/${String(index).padStart(6, '0')}.copy`;
}

export function uploadEntry(name: string): string {
  return `uploads/${name}`;
}

export function appVersion(): string {
  // src/database/backup or dist/database/backup: the package is three folders up either way.
  const file = path.resolve(import.meta.dirname, '../../../package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export function migrationName(migration: new () => MigrationInterface): string {
  return new migration().name ?? migration.name;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** Parses and checks the manifest's shape; any doubt is an ArchiveError. */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ArchiveError('The archive manifest is not valid JSON.');
  }
  const bad = (what: string) => new ArchiveError(`The archive manifest is malformed: ${what}.`);
  if (!isObject(value) || value.format !== FORMAT) throw new ArchiveError('This is not a CTLP backup archive (no ctlp-backup manifest).');
  if (!isCount(value.formatVersion)) throw bad('formatVersion');
  if (value.formatVersion > FORMAT_VERSION) {
    throw new ArchiveError(
      `The archive has format version ${value.formatVersion}; this CTLP reads version ${FORMAT_VERSION} and older. Restore it with the CTLP version that wrote it (${String(value.appVersion)}) or a newer one.`,
    );
  }
  if (typeof value.createdAt !== 'string' || typeof value.appVersion !== 'string' || typeof value.postgres !== 'string')
    throw bad('header fields');
  const { migrations, tables, sequences, uploads, sessionSecret } = value;
  if (!Array.isArray(migrations) || !migrations.every((m) => isObject(m) && isCount(m.timestamp) && typeof m.name === 'string'))
    throw bad('migrations');
  if (
    !Array.isArray(tables) ||
    !tables.every(
      (t) =>
        isObject(t) &&
        typeof t.name === 'string' &&
        TABLE_NAME.test(t.name) &&
        Array.isArray(t.columns) &&
        t.columns.length > 0 &&
        t.columns.every((c) => typeof c === 'string' && c.length > 0) &&
        isCount(t.rows) &&
        isCount(t.bytes) &&
        isCount(t.chunks) &&
        isHash(t.sha256),
    )
  ) {
    throw bad('tables');
  }
  if (new Set(tables.map((t) => (t as ManifestTable).name)).size !== tables.length) throw bad('a table listed twice');
  if (
    !Array.isArray(sequences) ||
    !sequences.every(
      (s) =>
        isObject(s) &&
        typeof s.name === 'string' &&
        typeof s.value === 'string' &&
        /^-?\d+$/.test(s.value) &&
        typeof s.isCalled === 'boolean',
    )
  ) {
    throw bad('sequences');
  }
  if (
    !Array.isArray(uploads) ||
    !uploads.every((u) => isObject(u) && typeof u.name === 'string' && UPLOAD_NAME.test(u.name) && isCount(u.bytes) && isHash(u.sha256))
  ) {
    throw bad('uploads');
  }
  if (new Set(uploads.map((u) => (u as { name: string }).name)).size !== uploads.length) throw bad('an upload listed twice');
  if (sessionSecret !== null && !(isObject(sessionSecret) && isCount(sessionSecret.bytes) && isHash(sessionSecret.sha256)))
    throw bad('sessionSecret');
  return value as unknown as Manifest;
}

/**
 * How the archive's schema relates to this code's migrations: the archive's must be the first
 * ones of ours, in order. A migration we do not know means the archive is newer than this code.
 */
export function migrationsToRestore(manifest: Manifest, known: string[]): { atArchive: number } {
  const names = manifest.migrations.map((m) => m.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new ArchiveError(
      `The archive comes from a newer schema than this CTLP knows (unknown migrations: ${unknown.join(', ')}; written by CTLP ${manifest.appVersion}). Restore it with that version or a newer one.`,
    );
  }
  if (!names.length) throw new ArchiveError('The archive lists no migrations: it holds no CTLP schema.');
  names.forEach((name, index) => {
    if (known[index] !== name) {
      throw new ArchiveError(`The archive's migrations are not in this CTLP's order (${name} where ${known[index]} was expected).`);
    }
  });
  return { atArchive: names.length };
}
