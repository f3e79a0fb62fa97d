import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR/postgres. */
export async function resolveDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres') });
  const url = await ensureDatabase(server.serverUrl, 'ctlp');
  return { url, embedded: true, stop: server.stop };
}
