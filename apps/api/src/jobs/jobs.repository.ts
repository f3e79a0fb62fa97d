import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { query, sql } from '../common/sql.js';

/** A job that ran out of retries, for the admins' dead-letter view. */
export interface FailedJobRow {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retryCount: number;
  createdOn: Date;
  failedOn: Date | null;
}

/**
 * pg-boss's statements go through here: on the app's one pool, or on the connection of a caller's
 * transaction so that a job is enqueued with the change that causes it (and not at all when that
 * change rolls back).
 */
@Injectable()
export class JobsRepository {
  private readonly pool: Pool;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  /** pg-boss's database, on the app's pool. */
  readonly db: PgBoss.Db = {
    executeSql: async (text, values) => ({ rows: (await this.pool.query(text, values as unknown[])).rows }),
  };

  /** pg-boss's database inside the caller's transaction. */
  inTransaction(manager: EntityManager): PgBoss.Db {
    return { executeSql: async (text, values) => ({ rows: (await manager.query(text, values)) as unknown[] }) };
  }

  /** Failed jobs, newest first, whether pg-boss still holds them or has archived them. */
  async failed(
    limit: number,
    offset: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: FailedJobRow[]; total: number }> {
    const rows = await query<FailedJobRow & { total: number }>(
      manager,
      sql`SELECT id, name, data, output, retry_count AS "retryCount", created_on AS "createdOn", completed_on AS "failedOn",
                 count(*) OVER ()::int AS total
            FROM (SELECT id, name, data, output, retry_count, created_on, completed_on FROM pgboss.job WHERE state = 'failed'
                  UNION ALL
                  SELECT id, name, data, output, retry_count, created_on, completed_on FROM pgboss.archive WHERE state = 'failed') j
           ORDER BY completed_on DESC NULLS LAST, id
           LIMIT ${limit} OFFSET ${offset}`,
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** The queue a failed job belongs to, if it is still one pg-boss can retry (not archived). */
  async failedJobQueue(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await query<{ name: string }>(manager, sql`SELECT name FROM pgboss.job WHERE id = ${id} AND state = 'failed'`);
    return row?.name;
  }
}
