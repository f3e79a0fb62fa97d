import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDatabaseUrl } from '../test-app.js';
import { freePort, sleep, sqlClient } from './harness.js';

// The built API (npm test builds it first): these tests are about the process itself.
const MAIN = path.resolve(import.meta.dirname, '../../dist/main.js');

interface RunningApi {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<number | null>;
}

function startApi(env: Record<string, string>): { api: RunningApi; ready: Promise<void> } {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      SESSION_SECRET: 'a test session secret of enough length',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', () => output.includes('CTLP is running') && (clearTimeout(timer), resolve()));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`the API exited with ${code}:\n${output}`))));
  });
  return { api: { child, base: `http://127.0.0.1:${env.PORT}`, output: () => output, exited }, ready };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the API process', () => {
  const folders: string[] = [];
  const running: ChildProcess[] = [];

  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('finishes the requests in flight on SIGTERM, then exits', async () => {
    const url = await testDatabaseUrl();
    const port = String(await freePort());
    const { api, ready } = startApi({ PORT: port, DATABASE_URL: url, DB_LOCK_TIMEOUT_MS: '20000', DB_STATEMENT_TIMEOUT_MS: '30000' });
    running.push(api.child);
    await ready;
    const locker = await sqlClient(url);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE courses IN ACCESS EXCLUSIVE MODE');
    // Eight catalog reads wait on the lock: in flight when the signal comes.
    const inFlight = Array.from({ length: 8 }, () =>
      fetch(`${api.base}/api/courses`).then(
        (r) => r.status,
        () => 0,
      ),
    );
    for (let waiting = 0, tries = 0; waiting === 0; tries++) {
      if (tries === 100) throw new Error(`no request waits on the lock:\n${api.output()}`);
      await sleep(100);
      const { rows } = await locker.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'ctlp-api' AND wait_event_type = 'Lock'`,
      );
      waiting = Number(rows[0]!.n);
    }
    await sleep(500);
    api.child.kill('SIGTERM');
    await sleep(1_000);
    // Still running (the requests wait), but taking nothing new.
    expect(api.child.exitCode).toBeNull();
    const late = await fetch(`${api.base}/api/courses`).then(
      (r) => r.status,
      () => 0,
    );
    expect([0, 503]).toContain(late);
    await locker.query('ROLLBACK');
    await locker.end();
    expect(await Promise.all(inFlight)).toEqual(Array(8).fill(200));
    expect(await api.exited).toBe(0);
  }, 120_000);

  it('on its embedded database: stops a server left by a killed run, and refuses a data folder whose database vanished', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ctlp-fault-data-'));
    folders.push(dataDir);
    // Run as root, the embedded server runs as the postgres user, which must reach the folder.
    chmodSync(dataDir, 0o755);
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    const pidOfServer = () => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

    // Killed outright, the API leaves its PostgreSQL running.
    const first = startApi(env);
    running.push(first.api.child);
    await first.ready;
    const orphan = pidOfServer();
    first.api.child.kill('SIGKILL');
    await first.api.exited;
    expect(pidAlive(orphan)).toBe(true);

    // The next start stops it and starts its own.
    const second = startApi(env);
    running.push(second.api.child);
    await second.ready;
    expect(second.api.output()).toContain('CTLP is running');
    expect(pidAlive(orphan)).toBe(false);
    expect((await fetch(`${second.api.base}/api/health`)).status).toBe(200);

    // The database's folder deleted under it: requests refused, health says why.
    rmSync(path.join(dataDir, 'postgres'), { recursive: true, force: true });
    let health: { status: number; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${second.api.base}/api/health`);
      health = { status: response.status, body: (await response.json()) as Record<string, unknown> };
      if (health.body.dataDir === 'missing') break;
      await sleep(200);
    }
    expect(health).toMatchObject({ status: 503, body: { status: 'error', dataDir: 'missing' } });
    const write = await fetch(`${second.api.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.org', password: 'a password of some length' }),
    });
    expect(write.status).toBe(503);
    second.api.child.kill('SIGTERM');
    await second.api.exited;

    // The next start does not quietly begin a new platform on that folder.
    expect(existsSync(path.join(dataDir, 'DATABASE-LOST.txt'))).toBe(true);
    const third = startApi(env);
    running.push(third.api.child);
    await expect(third.ready).rejects.toThrow(/disappeared while CTLP was running/);
    expect(await third.api.exited).toBe(1);
  }, 240_000);
});
