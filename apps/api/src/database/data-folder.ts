import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOST_MARKER } from './resolve-database.js';

/** The embedded server's data folder, when the platform runs its own PostgreSQL; undefined otherwise. */
export const EMBEDDED_DATA_DIR = Symbol('EMBEDDED_DATA_DIR');

/**
 * Watches the embedded database's folder. Deleted while the API runs, PostgreSQL goes on writing
 * to files that no longer have a name, and every write it acknowledges is gone at the next start.
 * So once the folder is found missing, the API stops taking requests (503), health says so, and a
 * note left in DATA_DIR makes the next start refuse to begin afresh on it.
 */
@Injectable()
export class DataFolderWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DataFolder');
  private timer?: NodeJS.Timeout;
  private lostAt?: Date;

  constructor(@Inject(EMBEDDED_DATA_DIR) private readonly dir: string | undefined) {}

  /** Whether the database's files are still where the server keeps them (checked now). */
  present(): boolean {
    if (!this.dir || this.lostAt) return !this.lostAt;
    if (existsSync(path.join(this.dir, 'PG_VERSION'))) return true;
    this.lostAt = new Date();
    this.logger.error(`The embedded database folder ${this.dir} is gone: refusing requests until restarted on a restored folder`);
    const dataDir = path.dirname(this.dir);
    try {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(
        path.join(dataDir, LOST_MARKER),
        `The database folder ${this.dir} disappeared while CTLP was running (noticed at ${this.lostAt.toISOString()}).\n`,
      );
    } catch (error) {
      this.logger.error(`Could not leave a note in ${dataDir}: ${String(error)}`);
    }
    return false;
  }

  /** Cheap, for every request: the last finding. */
  get lost(): boolean {
    return this.lostAt !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.dir) return;
    this.timer = setInterval(() => this.present(), 2_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
