import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { createDataSource } from './data-source.js';
import { runSeeds, type SeedReport } from './seeds/run-seeds.js';

// Any constant shared by all replicas: the advisory lock that serialises start-up migrations.
export const MIGRATION_LOCK = 4_242_001;

/**
 * Migrates and seeds before the API listens. Several replicas may start together, so one at a
 * time holds an advisory lock; the others then find nothing left to do.
 */
export async function prepareDatabase(
  databaseUrl: string,
  config: Pick<AppConfig, 'seedDemo' | 'admin'>,
): Promise<{ migrations: string[]; seeds: SeedReport }> {
  const dataSource: DataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const migrations = await dataSource.runMigrations({ transaction: 'each' });
    const seeds = await runSeeds(dataSource, config);
    return { migrations: migrations.map((m) => m.name), seeds };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
