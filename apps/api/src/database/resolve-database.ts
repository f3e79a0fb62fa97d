import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';

export interface ResolvedDatabase {
  url: string;
  /** The embedded server's data folder, when the platform runs its own PostgreSQL. */
  embeddedDir?: string;
  stop(): Promise<void>;
}

/** Left in DATA_DIR when its database vanished while the API ran (see data-folder.ts). */
export const LOST_MARKER = 'DATABASE-LOST.txt';

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR/postgres, whose
 * package is loaded only then. A data folder whose database vanished is refused, not silently
 * started afresh: its files would now belong to nobody and every count would restart at zero.
 */
export async function resolveDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  log?: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const dir = path.join(config.dataDir, 'postgres');
  const lost = path.join(config.dataDir, LOST_MARKER);
  if (existsSync(lost)) {
    throw new Error(
      `${readFileSync(lost, 'utf8').trim()}\nRestore a backup into a fresh DATA_DIR (npm run db:restore), or delete ${config.dataDir} to start a new, empty platform.`,
    );
  }
  const { ensureDatabase, startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const server = await startEmbeddedPostgres({ dir, log });
  try {
    const url = await ensureDatabase(server.serverUrl, 'ctlp');
    return { url, embeddedDir: dir, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
