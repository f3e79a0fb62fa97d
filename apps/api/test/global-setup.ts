import { randomBytes } from 'node:crypto';
// Jest loads this file through its CommonJS loader, without moduleNameMapper, so it imports only
// packages and the one source file that has no relative imports, by its real extension.
import { startTestServer } from './database-server.ts';

declare global {
  var ctlpTestServer: { stop(): Promise<void> } | undefined;
}

/**
 * Once per run: a database server (given, or embedded). The migrated template database is built
 * by the first test file that needs it (test-app.ts), where TypeScript modules load normally.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startTestServer();
  globalThis.ctlpTestServer = server;
  process.env.CTLP_TEST_SERVER_URL = server.serverUrl;
  process.env.CTLP_TEST_DB_PREFIX = `ctlp_test_${randomBytes(4).toString('hex')}`;
}
