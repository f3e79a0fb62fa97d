import { chmodSync, mkdtempSync, rmSync, statSync, existsSync, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { embeddedPasswordFile, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

const roots: string[] = [];
const running: EmbeddedDatabase[] = [];

function newFolder(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ctlp-embedded-pw-'));
  // Run as root, the server runs as the postgres user, which must be able to enter the folder.
  chmodSync(root, 0o755);
  roots.push(root);
  return path.join(root, 'postgres');
}

async function start(dir: string): Promise<EmbeddedDatabase> {
  const server = await startEmbeddedPostgres({ dir, port: 56100 + Math.floor(Math.random() * 400) });
  running.push(server);
  return server;
}

async function stop(server: EmbeddedDatabase): Promise<void> {
  await server.stop();
  running.splice(running.indexOf(server), 1);
}

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function withPassword(url: string, password: string): string {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
}

afterAll(async () => {
  for (const server of running) await server.stop().catch(() => undefined);
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  it('gets a random password of its own at first start, kept owner-only, and refuses postgres/postgres', async () => {
    const dir = newFolder();
    const server = await start(dir);
    const file = embeddedPasswordFile(dir);
    expect(path.dirname(file)).toBe(path.dirname(dir));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(decodeURIComponent(new URL(server.serverUrl).password)).toBe(password);
    await query(server.serverUrl, 'CREATE TABLE kept (n int)');
    await expect(query(withPassword(server.serverUrl, 'postgres'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    await stop(server);

    const again = await start(dir);
    expect(decodeURIComponent(new URL(again.serverUrl).password)).toBe(password);
    expect(await query(again.serverUrl, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }]);
    await stop(again);
  }, 120_000);

  it('starts a folder initialised with the old postgres/postgres, and gives it a password of its own', async () => {
    const dir = newFolder();
    // A folder as earlier versions left it: password "postgres" and no password file.
    const first = await start(dir);
    await query(first.serverUrl, `ALTER ROLE postgres PASSWORD 'postgres'`);
    await query(withPassword(first.serverUrl, 'postgres'), 'CREATE TABLE kept (n int)');
    await stop(first);
    unlinkSync(embeddedPasswordFile(dir));

    const migrated = await start(dir);
    const password = readFileSync(embeddedPasswordFile(dir), 'utf8').trim();
    expect(password).not.toBe('postgres');
    expect(statSync(embeddedPasswordFile(dir)).mode & 0o777).toBe(0o600);
    expect(existsSync(`${embeddedPasswordFile(dir)}.pending`)).toBe(false);
    expect(await query(migrated.serverUrl, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }]);
    await expect(query(withPassword(migrated.serverUrl, 'postgres'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    await stop(migrated);

    const later = await start(dir);
    expect(decodeURIComponent(new URL(later.serverUrl).password)).toBe(password);
    await stop(later);
  }, 120_000);
});
