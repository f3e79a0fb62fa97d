import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from './common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { createApp } from './create-app.js';
import { prepareDatabase } from './database/prepare-database.js';
import { resolveDatabase } from './database/resolve-database.js';
import { waitForDatabase } from './database/wait-for-database.js';
import { readDemoAccounts } from './database/seeds/demo-accounts.seeder.js';

function banner(config: AppConfig, seconds: number, embedded: boolean): string {
  const lines = [
    '',
    `  CTLP is running at ${config.publicUrl}  (ready in ${seconds.toFixed(1)} s)`,
    config.apiDocs ? `  API documentation: ${config.publicUrl}/api/docs` : '  API documentation: off (API_DOCS=true serves it)',
    `  Database: ${embedded ? `embedded PostgreSQL in ${config.dataDir}/postgres` : 'DATABASE_URL'}`,
  ];
  if (config.seedDemo) {
    const demo = readDemoAccounts();
    lines.push('', `  Demo accounts (password for all: ${demo.password}):`);
    for (const account of demo.accounts) {
      lines.push(
        `    ${account.email.padEnd(30)} ${account.roles.join(', ')}${account.status === 'active' ? '' : ` (${account.status})`} — ${account.memberState}`,
      );
    }
    if (config.mfaRequiredRoles.length) {
      lines.push(
        `  ${config.mfaRequiredRoles.join(' and ')} accounts set up two-step sign-in (an authenticator app) at their first sign-in;`,
        '  to try the demo without one: MFA_REQUIRED_ROLES= npm start',
      );
    }
  }
  if (config.admin) lines.push('', `  Administrator: ${config.admin.email}`);
  return lines.join('\n') + '\n';
}

/** Start-up and shutdown messages: JSON like every other log line. */
const log = createLogger(process.env.LOG_LEVEL === 'silent' ? 'silent' : 'info');

async function main(): Promise<void> {
  const started = performance.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }

  const database = await resolveDatabase(config, (line) => log.debug({ context: 'EmbeddedPostgres' }, line));
  let app: NestFastifyApplication | undefined;
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info(`${reason}: finishing requests in flight (at most ${config.database.shutdownMs / 1000} s), then stopping`);
    // Fastify stops accepting, answers 503 on kept-alive connections, and waits for the requests
    // in flight; then Nest closes the pool. Bounded, so a stuck request cannot hold the exit.
    const closed = app ? app.close().then(() => true) : Promise.resolve(true);
    const inTime = await Promise.race([
      closed,
      new Promise<false>((resolve) => setTimeout(() => resolve(false), config.database.shutdownMs).unref()),
    ]);
    if (!inTime) log.warn('Requests still in flight after the shutdown timeout: exiting anyway');
    await database.stop().catch((error: unknown) => log.error({ err: error }, 'Stopping the embedded database failed'));
    process.exit(inTime ? code : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  process.on('SIGINT', () => void stop('SIGINT', 0));
  // A promise nobody awaited failed: logged, and the process goes on serving.
  process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    void stop('uncaught exception', 1);
  });
  try {
    await waitForDatabase(database.url, { timeoutMs: config.database.startupWaitMs, log: (line) => log.warn(line) });
    await prepareDatabase(database.url, config);
    app = await createApp(config, database.url, { embeddedDir: database.embeddedDir });
    await app.listen(config.port, '0.0.0.0');
    process.stdout.write(banner(config, (performance.now() - started) / 1000, database.embeddedDir !== undefined));
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`CTLP failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
