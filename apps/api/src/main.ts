import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { createApp } from './create-app.js';
import { prepareDatabase } from './database/prepare-database.js';
import { resolveDatabase } from './database/resolve-database.js';
import { readDemoAccounts } from './database/seeds/demo-accounts.seeder.js';

function banner(config: AppConfig, seconds: number, embedded: boolean): string {
  const lines = [
    '',
    `  CTLP is running at ${config.publicUrl}  (ready in ${seconds.toFixed(1)} s)`,
    `  API documentation: ${config.publicUrl}/api/docs`,
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
  }
  if (config.admin) lines.push('', `  Administrator: ${config.admin.email}`);
  return lines.join('\n') + '\n';
}

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

  const database = await resolveDatabase(config);
  let stopping = false;
  const stopDatabase = async () => {
    await database.stop().catch((error) => process.stderr.write(`Stopping the database failed: ${error}\n`));
  };
  try {
    await prepareDatabase(database.url, config);
    const app = await createApp(config, database.url);
    await app.listen(config.port, '0.0.0.0');
    process.stdout.write(banner(config, (performance.now() - started) / 1000, database.embedded));

    // SIGTERM (docker stop, the load balancer draining a replica): finish in-flight requests,
    // close the pool, then stop the embedded database cleanly.
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`\n${signal}: finishing requests and shutting down…\n`);
      await app.close();
      await stopDatabase();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

main().catch((error) => {
  process.stderr.write(`CTLP failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
