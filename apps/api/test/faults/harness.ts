import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '../../src/config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Short limits, so a fault shows within seconds. */
export function quickTimeouts(overrides: Partial<DatabaseTimeouts> = {}): DatabaseTimeouts {
  return {
    ...DEFAULT_DATABASE_TIMEOUTS,
    connectMs: 1_000,
    statementMs: 3_000,
    lockMs: 1_000,
    startupWaitMs: 20_000,
    ...overrides,
    shutdownMs: 10_000,
  };
}

/** The processes of a cluster: its postmaster (from postmaster.pid) and the postmaster's children. */
function clusterPids(dir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/**
 * A PostgreSQL of the test's own (the embedded binaries), on a fixed port so the API's URL stays
 * valid across a kill and a restart.
 */
export class OwnServer {
  private server?: EmbeddedDatabase;
  private url?: string;
  private readonly root: string;
  readonly dir: string;

  private constructor(readonly port: number) {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'ctlp-fault-pg-'));
    // Run as root, the server runs as the postgres user, which must be able to enter the folder.
    chmodSync(this.root, 0o755);
    this.dir = path.join(this.root, 'data');
  }

  static async start(): Promise<OwnServer> {
    const own = new OwnServer(await freePort());
    await own.restart();
    return own;
  }

  /** Starts (again) on the same folder and port, waiting for a killed cluster's processes to be gone. */
  async restart(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.server = await startEmbeddedPostgres({ dir: this.dir, port: this.port });
        if (new URL(this.server.serverUrl).port !== String(this.port)) throw new Error(`port ${this.port} was not free`);
        this.url = this.server.serverUrl;
        return;
      } catch (error) {
        if (attempt === 40) throw error;
        await sleep(250);
      }
    }
  }

  /** The cluster's own password stays across restarts (and kills), so the last start's URL holds. */
  get serverUrl(): string {
    if (!this.url) throw new Error('the server has not started');
    return this.url;
  }

  database(name: string): Promise<string> {
    return ensureDatabase(this.serverUrl, name);
  }

  /** SIGKILL to the postmaster, as an operator's `kill -9` or the OOM killer would. */
  kill(): void {
    process.kill(clusterPids(this.dir)[0]!, 'SIGKILL');
    this.server = undefined;
  }

  /** Every process of the cluster stopped (SIGSTOP) or resumed (SIGCONT). */
  freeze(frozen: boolean): void {
    for (const pid of clusterPids(this.dir)) {
      try {
        process.kill(pid, frozen ? 'SIGSTOP' : 'SIGCONT');
      } catch {
        // a backend that has just exited
      }
    }
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Answers by status (0: no answer at all), and when each kind was last seen. */
export class Tally {
  readonly byStatus = new Map<number, number>();

  add(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  get(status: number): number {
    return this.byStatus.get(status) ?? 0;
  }

  /** Statuses of the 5xx family other than 503. */
  unexpectedServerErrors(): number {
    return [...this.byStatus].filter(([status]) => status >= 500 && status !== 503).reduce((sum, [, n]) => sum + n, 0);
  }

  toString(): string {
    return [...this.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
      .join(', ');
  }
}

/** A pg client for the test's own checks, kept apart from the API's pool. */
export async function sqlClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
