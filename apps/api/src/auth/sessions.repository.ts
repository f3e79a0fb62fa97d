import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { rawSql, sql, type Sql } from '../common/sql.js';
import { sessionUserColumns } from './session-user.js';

export interface StoredSession {
  data: Record<string, unknown>;
  /** The user the session belongs to, read with it; undefined before sign-in or once the account is gone. */
  user: SessionUser | undefined;
}

/**
 * Every statement about sessions (table user_sessions). Sent straight to the pool that TypeORM
 * holds: a session is read on every signed-in request, outside any transaction.
 */
@Injectable()
export class SessionsRepository {
  private readonly pool: Pool;
  private readonly userColumns: Sql;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.userColumns = rawSql(sessionUserColumns(dataSource));
  }

  private async run<Row>(statement: Sql): Promise<Row[]> {
    return (await this.pool.query(statement.text, statement.values as unknown[])).rows as Row[];
  }

  /** A live session and, in the same query, its user. */
  async read(sid: string): Promise<StoredSession | undefined> {
    const [row] = await this.run<{ __data: Record<string, unknown> } & SessionUser>(
      sql`SELECT s.sess AS "__data", ${this.userColumns}
            FROM user_sessions s LEFT JOIN users u ON u.id = s.user_id
           WHERE s.sid = ${sid} AND s.expire >= now()`,
    );
    if (!row) return undefined;
    const { __data: data, ...user } = row;
    return { data, user: user.id ? user : undefined };
  }

  async save(sid: string, data: Record<string, unknown>, expires: Date, userId: string | null): Promise<void> {
    await this.run(
      sql`INSERT INTO user_sessions (sid, sess, expire, user_id) VALUES (${sid}, ${JSON.stringify(data)}, ${expires}, ${userId})
          ON CONFLICT (sid) DO UPDATE SET sess = EXCLUDED.sess, expire = EXCLUDED.expire, user_id = EXCLUDED.user_id`,
    );
  }

  async destroy(sid: string): Promise<void> {
    await this.run(sql`DELETE FROM user_sessions WHERE sid = ${sid}`);
  }

  /** Sessions past their end. */
  async prune(): Promise<void> {
    await this.run(sql`DELETE FROM user_sessions WHERE expire < now()`);
  }
}
