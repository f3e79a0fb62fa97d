import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseTimeouts } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** How long the client waits for an answer beyond the server's own statement timeout. */
const CLIENT_MARGIN_MS = 5_000;

type ConnectionErrorListener = (error: Error) => void;

/**
 * node-postgres with a listener on every connection the pool opens, for its whole life. A
 * connection that breaks (the server restarted, the network dropped) emits 'error'; with no
 * listener at that instant — between being handed to a waiting request and that request
 * attaching its own, or while idle in a transaction — Node ends the process. With this one the
 * error is logged, the broken connection is dropped by the pool when released, and the next
 * request opens a new one once the server is back.
 */
function resilientDriver(onError: ConnectionErrorListener): typeof pg {
  class ResilientPool extends pg.Pool {
    constructor(options?: pg.PoolConfig) {
      super(options);
      this.on('connect', (client) => client.on('error', onError));
    }
  }
  return Object.create(pg, { Pool: { value: ResilientPool } }) as typeof pg;
}

export interface DataSourceTuning {
  poolSize?: number;
  /** The request path's timeouts (the app); none for migrations, seeders and the CLIs. */
  timeouts?: DatabaseTimeouts;
  onConnectionError?: ConnectionErrorListener;
}

/** The one definition of the database connection, for the app, the CLI and the tests. */
export function dataSourceOptions(url: string, tuning: DataSourceTuning = {}): DataSourceOptions {
  const timeouts = tuning.timeouts;
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
    poolSize: tuning.poolSize ?? 10,
    applicationName: 'ctlp-api',
    driver: resilientDriver(tuning.onConnectionError ?? (() => undefined)),
    poolErrorHandler: tuning.onConnectionError ?? (() => undefined),
    ...(timeouts
      ? {
          connectTimeoutMS: timeouts.connectMs,
          extra: {
            keepAlive: true,
            // Sent when each connection opens; a report raises its own (withStatementTimeout).
            statement_timeout: timeouts.statementMs,
            lock_timeout: timeouts.lockMs,
            idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
            // A server that stops answering altogether (frozen, a dead link) enforces nothing:
            // the client gives up on its own a little after the server would have.
            query_timeout: timeouts.statementMs + CLIENT_MARGIN_MS,
          },
        }
      : {}),
  };
}

export function createDataSource(url: string, tuning: DataSourceTuning = {}): DataSource {
  return new DataSource(dataSourceOptions(url, tuning));
}
