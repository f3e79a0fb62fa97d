import os from 'node:os';
import path from 'node:path';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres, withDatabase } from '../src/database/embedded-postgres.ts';

export interface TestServer {
  /** URL of a maintenance database on the server (`postgres`). */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * TEST_DATABASE_URL or DATABASE_URL when set (any database on the server: tests only create and
 * drop their own); otherwise a throwaway embedded PostgreSQL in a temporary folder.
 */
export async function startTestServer(): Promise<TestServer> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    const serverUrl = withDatabase(given, 'postgres');
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.end();
    return { serverUrl, stop: async () => undefined };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctlp-test-pg-'));
  // Run as root, the server runs as the postgres user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port: 55432 });
  return {
    serverUrl: server.serverUrl,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
