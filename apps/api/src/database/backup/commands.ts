import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadConfig, type AppConfig } from '../../config/app-config.js';
import { resolveDatabase } from '../resolve-database.js';
import { createBackup, megabytes, seconds } from './backup.js';
import { checkTargetFolder, restoreArchive, verifyArchive } from './restore.js';

/**
 * `cli.js backup [FILE|-]` and `cli.js restore FILE|-` (npm run db:backup / db:restore). Both use
 * DATABASE_URL, or the embedded server under DATA_DIR.
 */

/**
 * Where the database and files are; nothing else of the configuration matters here. Without a
 * SESSION_SECRET, loading the configuration would generate one into DATA_DIR, which a restore needs
 * empty, and production would refuse to load at all: stand-ins keep those checks quiet.
 */
function storageConfig(env: NodeJS.ProcessEnv = process.env): Pick<AppConfig, 'databaseUrl' | 'dataDir'> {
  const { databaseUrl, dataDir } = loadConfig({
    ...env,
    SESSION_SECRET: env.SESSION_SECRET || 'not-used-by-backup-or-restore-not-used',
    PUBLIC_URL: env.PUBLIC_URL || 'http://localhost',
  });
  return { databaseUrl, dataDir };
}

/** npm runs workspace scripts in apps/api; a path the user typed is relative to where they typed it. */
function userPath(file: string): string {
  return path.resolve(process.env.INIT_CWD || process.cwd(), file);
}

/** CLI output (ESLint keeps console.log out of the code; these commands talk to a terminal). */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function defaultName(now = new Date()): string {
  return `ctlp-backup-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.tar.gz`;
}

export async function backupCommand(argument: string | undefined): Promise<void> {
  const config = storageConfig();
  const toStdout = argument === '-';
  // The archive may be on stdout: every message goes to stderr then.
  const log = (line: string) => (toStdout ? process.stderr : process.stdout).write(`${line}\n`);
  const file = toStdout ? undefined : userPath(argument ?? defaultName());
  const started = performance.now();
  const database = await resolveDatabase(config);
  try {
    log(
      `Backing up ${config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`} and ${path.join(config.dataDir, 'uploads')}`,
    );
    const { manifest, bytes } = await createBackup({
      databaseUrl: database.url,
      dataDir: config.dataDir,
      output: file ?? process.stdout,
      log,
    });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    log(
      `Wrote ${file ?? 'standard output'}: ${manifest.tables.length} tables (${rows.toLocaleString('en')} rows), ${manifest.uploads.length} uploaded files` +
        `${manifest.sessionSecret ? ', the session secret' : ''}; ${megabytes(bytes)} in ${seconds(started)}.`,
    );
  } finally {
    await database.stop();
  }
}

export async function restoreCommand(argument: string | undefined): Promise<void> {
  if (!argument) throw new Error('Name the archive: npm run db:restore -- ctlp-backup-….tar.gz (or - to read it from standard input)');
  const config = storageConfig();
  const started = performance.now();
  let temporary: string | undefined;
  try {
    let file: string;
    if (argument === '-') {
      // Read twice (checked whole first, then loaded): standard input is kept in a private file.
      temporary = await mkdtemp(path.join(os.tmpdir(), 'ctlp-restore-'));
      file = path.join(temporary, 'archive.tar.gz');
      await pipeline(process.stdin, createWriteStream(file, { mode: 0o600 }));
    } else {
      file = userPath(argument);
    }
    const archive = await verifyArchive(file);
    const { manifest } = archive;
    say(
      `Checked ${argument === '-' ? 'the archive' : file}: written ${manifest.createdAt} by CTLP ${manifest.appVersion} from PostgreSQL ${manifest.postgres}, ` +
        `${manifest.tables.length} tables, ${manifest.uploads.length} uploaded files (${seconds(started)}).`,
    );
    await checkTargetFolder(manifest, config.dataDir);
    const database = await resolveDatabase(config);
    try {
      say(`Restoring into ${config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`}`);
      const result = await restoreArchive(archive, {
        databaseUrl: database.url,
        dataDir: config.dataDir,
        log: say,
      });
      say(
        `Restored ${result.tables} tables (${result.rows.toLocaleString('en')} rows) and ${result.uploads} uploaded files (into ${path.join(config.dataDir, 'uploads')}) in ${seconds(started)}.` +
          (result.skippedTables.length ? ` Not restored (not part of the CTLP schema): ${result.skippedTables.join(', ')}.` : ''),
      );
    } finally {
      await database.stop();
    }
  } finally {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}
